package io.monocoque.api;

import org.agrona.MutableDirectBuffer;

/**
 * A socket pattern's part in {@code tryClaim}: where the claimed message lies and what its commit does. The
 * {@link ClaimWriter} checks the call, asks the target for room, writes the frame headers there and hands the caller
 * the bodies; the caller's commit or abort comes back to the same target. A send-ring socket's target is a
 * {@link RingClaim} (with the pattern's peer and envelope); PUB's and XPUB's claim in the fan-out ring.
 * <p>
 * One claim at a time per socket, so a target keeps the claim in progress in its own fields. Owned by the socket's
 * application thread; called only between the socket's guard entry at the claim and its exit at the commit or abort.
 */
abstract class ClaimTarget
{
    /**
     * Reserve room for one message whose frames, encoded, take {@code encoded} bytes.
     *
     * @param frameLengths the frames' body lengths.
     * @param frameCount   how many of them.
     * @param encoded      the frames' encoded length, headers included.
     * @return the offset in {@link #buffer()} where the first frame header goes, or a negative {@link SendResult}
     * code (nothing is claimed then).
     */
    abstract long claim(int[] frameLengths, int frameCount, int encoded);

    /**
     * The memory the claim lies in.
     *
     * @return the buffer; the caller writes only inside the claimed frames.
     */
    abstract MutableDirectBuffer buffer();

    /** The caller wrote the bodies: the message may be sent. */
    abstract void commit();

    /** The caller gave the claim up: nothing is sent. */
    abstract void abort();
}
