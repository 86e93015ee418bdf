package io.monocoque.api;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Space claimed in a socket's send ring (PUB and XPUB: its fan-out ring) for one message whose frame bodies the
 * caller writes in place: Aeron's {@code tryClaim} and {@code BufferClaim}. {@link Socket#tryClaim(MessageClaim, int)}
 * (one frame), {@link Socket#tryClaim(MessageClaim, int[], int)} (multipart) or ROUTER's
 * {@link RouterSocket#tryClaim(MessageClaim, DirectBuffer, int, int, int)} (to one peer) reserves the room, writes the
 * pattern's envelope and the frame headers;
 * the caller writes each frame's body at {@link #frameOffset(int)} in {@link #buffer()}, then {@link #commit()}s it
 * (the engine may send it from then on) or {@link #abort()}s it (nothing is sent). Nothing is copied on the way: the
 * bytes the caller writes are the bytes the engine hands the kernel.
 * <p>
 * Between the claim and its commit or abort the socket is inside a call, as during any {@code offer}: another thread
 * may not use it, and a close from another thread frees the ring only after the commit or abort. So commit or abort
 * promptly, and always (a {@code try/finally} is the safe shape). Writing outside the claimed frames corrupts the
 * ring.
 * <p>
 * Reusable: one claim object serves any number of messages, one at a time. Allocates nothing after construction.
 * Owned by the application thread using the socket.
 */
public final class MessageClaim
{
    /** Frames a claim made with {@link #MessageClaim()} can describe. */
    public static final int DEFAULT_MAX_FRAMES = 16;

    private final int[] offsets;
    private final int[] lengths;
    private int frameCount;
    private MutableDirectBuffer buffer;
    private ClaimWriter owner;

    /** Create a claim of up to {@link #DEFAULT_MAX_FRAMES} frames. */
    public MessageClaim()
    {
        this(DEFAULT_MAX_FRAMES);
    }

    /**
     * Create a claim.
     *
     * @param maxFrames most frames of a message it can claim.
     */
    public MessageClaim(final int maxFrames)
    {
        if (maxFrames < 1)
        {
            throw new IllegalArgumentException("a claim describes at least one frame: " + maxFrames);
        }
        offsets = new int[maxFrames];
        lengths = new int[maxFrames];
    }

    /**
     * The buffer to write the frame bodies into (the send ring's memory).
     *
     * @return the buffer.
     * @throws IllegalStateException if nothing is claimed.
     */
    public MutableDirectBuffer buffer()
    {
        checkActive();
        return buffer;
    }

    /**
     * Where the first frame's body starts in {@link #buffer()}: the one frame of a single-frame claim.
     *
     * @return offset.
     */
    public int offset()
    {
        return frameOffset(0);
    }

    /**
     * The first frame's body length.
     *
     * @return bytes.
     */
    public int length()
    {
        return frameLength(0);
    }

    /**
     * Where a frame's body starts in {@link #buffer()}.
     *
     * @param frame the frame, from 0.
     * @return offset.
     */
    public int frameOffset(final int frame)
    {
        checkFrame(frame);
        return offsets[frame];
    }

    /**
     * A frame's body length, as claimed.
     *
     * @param frame the frame, from 0.
     * @return bytes.
     */
    public int frameLength(final int frame)
    {
        checkFrame(frame);
        return lengths[frame];
    }

    /**
     * Frames claimed.
     *
     * @return the count, 0 when nothing is claimed.
     */
    public int frameCount()
    {
        return owner == null ? 0 : frameCount;
    }

    /**
     * Whether space is claimed and not yet committed or aborted.
     *
     * @return true while claimed.
     */
    public boolean isClaimed()
    {
        return owner != null;
    }

    /**
     * Publish the message: from now on the engine may send it.
     *
     * @throws IllegalStateException if nothing is claimed.
     */
    public void commit()
    {
        checkActive();
        final ClaimWriter writer = owner;
        owner = null;
        writer.commit();
    }

    /**
     * Give the space back: nothing is sent.
     *
     * @throws IllegalStateException if nothing is claimed.
     */
    public void abort()
    {
        checkActive();
        final ClaimWriter writer = owner;
        owner = null;
        writer.abort();
    }

    // ------------------------------------------------------------------ for the socket's claim writer

    /** @return most frames this claim describes. */
    int maxFrames()
    {
        return offsets.length;
    }

    /** Record a frame of the claim being made. */
    void frame(final int frame, final int offset, final int length)
    {
        offsets[frame] = offset;
        lengths[frame] = length;
    }

    /** The claim is made: frames recorded, in {@code buffer}. */
    void claimed(final ClaimWriter writer, final MutableDirectBuffer buffer, final int frameCount)
    {
        this.owner = writer;
        this.buffer = buffer;
        this.frameCount = frameCount;
    }

    private void checkActive()
    {
        if (owner == null)
        {
            throw new IllegalStateException("nothing is claimed: tryClaim first (or it was committed or aborted)");
        }
    }

    private void checkFrame(final int frame)
    {
        checkActive();
        if (frame < 0 || frame >= frameCount)
        {
            throw new IndexOutOfBoundsException("frame " + frame + " of a claim of " + frameCount);
        }
    }
}
