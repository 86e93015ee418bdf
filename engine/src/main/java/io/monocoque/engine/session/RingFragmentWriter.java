package io.monocoque.engine.session;

import io.monocoque.engine.net.Transport;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a fragment of a large outbound message to the kernel straight from the send ring, so its bytes are not
 * first copied into the connection's staging buffer; what the kernel does not take now is staged as before. Only
 * for a session whose frames go out unchanged (the NULL mechanism's identity transform) with nothing else waiting to
 * be written ahead of the fragment.
 * <p>
 * Owned by the thread that owns its connection. Allocates one view of the ring's memory per ring it writes from
 * (a connection drains one socket's ring), nothing per fragment.
 */
final class RingFragmentWriter
{
    private ByteBuffer ringMemory;
    private ByteBuffer view;

    /**
     * Write as much of the fragment as the kernel takes now.
     *
     * @param transport the session's transport.
     * @param source    the ring's buffer holding the fragment (a view over a direct buffer).
     * @param offset    first byte.
     * @param length    bytes.
     * @return bytes the kernel took; 0 if the buffer is not a direct buffer's view (the caller stages it all).
     * @throws IOException if the write fails.
     */
    int write(final Transport transport, final DirectBuffer source, final int offset, final int length)
        throws IOException
    {
        final ByteBuffer memory = source.byteBuffer();
        if (memory == null || !memory.isDirect())
        {
            return 0;
        }
        if (memory != ringMemory)
        {
            ringMemory = memory;
            view = memory.duplicate();
        }
        final int start = source.wrapAdjustment() + offset;
        view.limit(start + length).position(start);
        return transport.write(view);
    }
}
