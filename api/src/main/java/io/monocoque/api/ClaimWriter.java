package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import io.monocoque.engine.shared.MessageRecord;
import org.agrona.MutableDirectBuffer;

/**
 * What a socket's {@code tryClaim} does: reserve one send-ring record for a message of given frame lengths, write
 * the peer id and the frame headers, and hand the caller a {@link MessageClaim} over the bodies; its commit or abort
 * comes back here. The socket's {@link OwnerGuard} is entered at the claim and left at the commit or abort, so the
 * claimed ring memory is protected by the same close protocol as any call.
 * <p>
 * Only for sockets that send frames as given (DEALER, PUSH, PAIR): the others add envelopes or route by a frame the
 * engine must read first (ROUTER, REQ, REP), or publish through a fan-out ring (PUB, XPUB).
 * <p>
 * Owned by the socket's application thread. Allocates nothing.
 */
final class ClaimWriter
{
    private final Socket socket;
    private final OwnerGuard guard;
    private final OutboundWriter writer;
    /** The claim in progress, if any: one at a time per socket. */
    private MessageClaim active;

    ClaimWriter(final Socket socket, final OwnerGuard guard, final OutboundWriter writer)
    {
        this.socket = socket;
        this.guard = guard;
        this.writer = writer;
    }

    /**
     * {@link Socket#tryClaim(MessageClaim, int[], int)}.
     *
     * @return as that method.
     */
    long tryClaim(final MessageClaim claim, final int[] frameLengths, final int frameCount)
    {
        if (active != null)
        {
            throw new IllegalStateException("a claim on this socket is not committed or aborted yet");
        }
        if (frameCount < 1 || frameCount > claim.maxFrames() || frameCount > frameLengths.length)
        {
            throw new IllegalArgumentException("frame count " + frameCount + " must be 1.." +
                Math.min(claim.maxFrames(), frameLengths.length) + " (the claim's and the lengths' size)");
        }
        guard.enter();
        boolean held = false;
        try
        {
            long size = 0;
            long encoded = 0;
            for (int i = 0; i < frameCount; i++)
            {
                if (frameLengths[i] < 0)
                {
                    throw new IllegalArgumentException("negative frame length: " + frameLengths[i]);
                }
                size += frameLengths[i];
                encoded += FrameDescriptor.frameLength(frameLengths[i]);
            }
            final long checked = writer.check(frameCount, size);
            if (checked != OutboundWriter.CHECKED)
            {
                return checked;
            }
            if (!socket.sendsFramesAsGiven())
            {
                throw new UnsupportedOperationException("tryClaim is for DEALER, PUSH and PAIR sockets; a " +
                    socket.type() + " socket adds or reads envelope frames: offer or send the message");
            }
            final SendRing ring = socket.sendRing();
            if (MessageRecord.FRAMES_OFFSET + encoded > ring.maxRecordLength())
            {
                return SendResult.MESSAGE_EXCEEDS_HWM; // a claim is one record: an eighth of sndHwmBytes at most
            }
            final int recordLength = MessageRecord.FRAMES_OFFSET + (int)encoded;
            final int index = ring.claim(recordLength);
            if (index < 0)
            {
                return SendResult.BACK_PRESSURED;
            }
            final MutableDirectBuffer records = ring.records();
            int position = index + MessageRecord.FRAMES_OFFSET;
            for (int i = 0; i < frameCount; i++)
            {
                final int length = frameLengths[i];
                position += FrameEncoder.encodeHeader(records, position, length, i < frameCount - 1, false);
                claim.frame(i, position, length);
                position += length;
            }
            claim.claimed(this, records, index, frameCount);
            active = claim;
            held = true;
            return recordLength;
        }
        finally
        {
            if (!held)
            {
                guard.exit();
            }
        }
    }

    /** The active claim's commit. */
    void commit(final int index)
    {
        active = null;
        try
        {
            socket.sendRing().commitClaim(index);
        }
        finally
        {
            guard.exit();
        }
    }

    /** The active claim's abort. */
    void abort(final int index)
    {
        active = null;
        try
        {
            socket.sendRing().abortClaim(index);
        }
        finally
        {
            guard.exit();
        }
    }
}
