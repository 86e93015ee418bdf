package io.monocoque.engine.session;

import io.monocoque.engine.net.Transport;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes send-ring records to the kernel from where they lie, so their bytes are not first copied into the
 * connection's staging buffer: a fragment of a large message on its own ({@link #write}), and runs of consecutive
 * large records (batches of messages the application offered as one record) gathered into one {@code writev} of up to
 * {@link #MAX_GATHERED_BYTES} ({@link #gather}, then {@link #writeGathered}). Only for a session whose frames go out
 * unchanged (the NULL mechanism's identity transform) with nothing else waiting to be written ahead of them.
 * <p>
 * Gathered records are only named here, not copied: they must be written before the ring read that handed them out
 * releases them (the owner's drain writes at the last record of each read). What the kernel does not take is staged,
 * from the start of the first message it took only part of, so that message can be sent again whole after a
 * reconnect and none it took whole is.
 * <p>
 * Owned by the thread that owns its connection. Allocates its views of the ring's memory once per ring it writes
 * from (a connection drains one socket's ring), nothing per record; the JDK's gathering write keeps its native
 * vector per thread.
 */
final class RingWriter
{
    /**
     * Most bytes one gathered write carries: the largest a batching staging buffer grows to, so that when the kernel
     * takes none of them the staging buffer can still hold them all.
     */
    static final int MAX_GATHERED_BYTES = ConnectionBufferSizing.MAX_MESSAGE_BUFFER_CAPACITY;
    /** Most records one gathered write carries (far below the kernel's IOV_MAX of 1024). */
    static final int MAX_GATHERED_RECORDS = 32;

    private final ByteBuffer[] views = new ByteBuffer[MAX_GATHERED_RECORDS];
    private final int[] offsets = new int[MAX_GATHERED_RECORDS];
    private final int[] lengths = new int[MAX_GATHERED_RECORDS];
    /** The view {@link #write} uses, apart from the gathered ones. */
    private ByteBuffer single;
    private ByteBuffer ringMemory;
    private DirectBuffer source;
    private int count;
    private int bytes;

    /**
     * Write as much of one range of the ring as the kernel takes now.
     *
     * @param transport the session's transport.
     * @param ring      the ring's buffer holding the bytes (a view over a direct buffer).
     * @param offset    first byte.
     * @param length    bytes.
     * @return bytes the kernel took; 0 if the buffer is not a direct buffer's view (the caller stages it all).
     * @throws IOException if the write fails.
     */
    int write(final Transport transport, final DirectBuffer ring, final int offset, final int length)
        throws IOException
    {
        if (!viewsOver(ring))
        {
            return 0;
        }
        final int start = ring.wrapAdjustment() + offset;
        single.limit(start + length).position(start);
        return transport.write(single);
    }

    /**
     * Whether {@link #gather} may take a record of this length now: nothing is gathered yet, or it joins the others
     * within {@link #MAX_GATHERED_RECORDS} and {@link #MAX_GATHERED_BYTES}.
     *
     * @param length the record's bytes.
     * @return true if it may be gathered.
     */
    boolean hasRoomFor(final int length)
    {
        return count == 0 || (count < MAX_GATHERED_RECORDS && bytes + length <= MAX_GATHERED_BYTES);
    }

    /**
     * Whether this buffer's bytes can be written from where they lie (it views a direct buffer).
     *
     * @param ring the buffer.
     * @return true if {@link #gather} may name its bytes.
     */
    boolean canGatherFrom(final DirectBuffer ring)
    {
        final ByteBuffer memory = ring.byteBuffer();
        return memory != null && memory.isDirect() && (count == 0 || ring == source);
    }

    /**
     * Name a record to write with the others at {@link #writeGathered}, after {@link #hasRoomFor} and
     * {@link #canGatherFrom} said yes. Its bytes must stay where they are until then.
     *
     * @param ring   the ring's buffer.
     * @param offset first byte of the record's whole messages.
     * @param length bytes.
     */
    void gather(final DirectBuffer ring, final int offset, final int length)
    {
        viewsOver(ring);
        source = ring;
        final int start = ring.wrapAdjustment() + offset;
        views[count].limit(start + length).position(start);
        offsets[count] = offset;
        lengths[count] = length;
        count++;
        bytes += length;
    }

    /**
     * Whether records are gathered and not yet written.
     *
     * @return true if {@link #writeGathered} has work.
     */
    boolean hasGathered()
    {
        return count > 0;
    }

    /**
     * Write the gathered records in one gathering write, and stage what the kernel did not take (see the class
     * comment). A failed write stages it all: the next flush meets the same error and closes the session the usual
     * way, keeping the unsent messages for a reconnect.
     *
     * @param transport the session's transport.
     * @param staging   the connection's staging buffer, empty.
     */
    void writeGathered(final Transport transport, final StagingBuffer staging)
    {
        if (count == 0)
        {
            return;
        }
        long taken;
        try
        {
            taken = count == 1 ? transport.write(views[0]) : transport.write(views, count);
        }
        catch (final IOException ex)
        {
            taken = 0;
        }
        if (taken < bytes)
        {
            int first = 0;
            while (taken >= lengths[first])
            {
                taken -= lengths[first];
                first++;
            }
            staging.stageRemainder(source, offsets, lengths, first, count, (int)taken);
        }
        clear();
    }

    /** Forget gathered records without writing them (written, or the session is gone). */
    void clear()
    {
        count = 0;
        bytes = 0;
    }

    private boolean viewsOver(final DirectBuffer ring)
    {
        final ByteBuffer memory = ring.byteBuffer();
        if (memory == null || !memory.isDirect())
        {
            return false;
        }
        if (memory != ringMemory)
        {
            ringMemory = memory;
            single = memory.duplicate();
            for (int i = 0; i < views.length; i++)
            {
                views[i] = memory.duplicate();
            }
        }
        return true;
    }
}
