package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * What a socket's {@code tryClaim} does: check the call, reserve room for a message of given frame lengths where the
 * socket's pattern puts it (its {@link ClaimTarget}: a send-ring record with the pattern's peer and envelope, or a
 * slot of PUB's fan-out ring), write the frame headers there, and hand the caller a {@link MessageClaim} over the
 * bodies; its commit or abort comes back here and goes on to the same target. The socket's {@link OwnerGuard} is
 * entered at the claim and left at the commit or abort, so the claimed memory is protected by the same close
 * protocol as any call.
 * <p>
 * Owned by the socket's application thread. Allocates nothing.
 */
final class ClaimWriter
{
    private final OwnerGuard guard;
    private final OutboundWriter writer;
    /** The claim in progress, if any: one at a time per socket. */
    private MessageClaim active;
    /** Where the claim in progress lies. */
    private ClaimTarget activeTarget;

    ClaimWriter(final OwnerGuard guard, final OutboundWriter writer)
    {
        this.guard = guard;
        this.writer = writer;
    }

    /**
     * {@link Socket#tryClaim(MessageClaim, int[], int)}, into {@code target}.
     *
     * @return as that method.
     */
    long tryClaim(final MessageClaim claim, final int[] frameLengths, final int frameCount, final ClaimTarget target)
    {
        return tryClaim(claim, frameLengths, frameCount, target, false);
    }

    /**
     * {@link Socket#tryClaim(MessageClaim, int[], int)}, or with {@code separate} {@link Socket#tryClaimBatch}: each
     * frame its own single-frame message (no MORE flags), all in one record.
     *
     * @return as those methods.
     */
    long tryClaim(final MessageClaim claim, final int[] frameLengths, final int frameCount, final ClaimTarget target,
        final boolean separate)
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
            long largest = 0;
            long encoded = 0;
            for (int i = 0; i < frameCount; i++)
            {
                if (frameLengths[i] < 0)
                {
                    throw new IllegalArgumentException("negative frame length: " + frameLengths[i]);
                }
                size += frameLengths[i];
                largest = Math.max(largest, frameLengths[i]);
                encoded += FrameDescriptor.frameLength(frameLengths[i]);
            }
            // A batch's messages are single frames, each checked against maxMsgSize on its own.
            final long checked = separate ? writer.check(1, largest) : writer.check(frameCount, size);
            if (checked != OutboundWriter.CHECKED)
            {
                return checked;
            }
            if (encoded > Integer.MAX_VALUE)
            {
                return SendResult.MESSAGE_EXCEEDS_HWM; // no ring slot is that large
            }
            final long start = target.claim(frameLengths, frameCount, (int)encoded);
            if (start < 0)
            {
                return start;
            }
            final MutableDirectBuffer buffer = target.buffer();
            int position = (int)start;
            for (int i = 0; i < frameCount; i++)
            {
                final int length = frameLengths[i];
                position += FrameEncoder.encodeHeader(buffer, position, length, !separate && i < frameCount - 1, false);
                claim.frame(i, position, length);
                position += length;
            }
            claim.claimed(this, buffer, frameCount);
            active = claim;
            activeTarget = target;
            held = true;
            return encoded;
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
    void commit()
    {
        final ClaimTarget target = activeTarget;
        active = null;
        activeTarget = null;
        try
        {
            target.commit();
        }
        finally
        {
            guard.exit();
        }
    }

    /** The active claim's abort. */
    void abort()
    {
        final ClaimTarget target = activeTarget;
        active = null;
        activeTarget = null;
        try
        {
            target.abort();
        }
        finally
        {
            guard.exit();
        }
    }
}
