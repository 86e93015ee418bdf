package io.monocoque.engine.net;

/**
 * When a connection buffer that grew for a burst has gone unused long enough to give its memory back: the buffer
 * {@link #markUsed() marks} each use that needed its grown size (a cheap field write on the I/O path, no clock read),
 * and the owner's timer asks {@link #isIdle(long)} with the duty cycle's time. A buffer used at least once per
 * {@link #SHRINK_AFTER_NS} keeps its size, so a steady stream never shrinks and grows again (which would allocate);
 * one idle that long shrinks to its idle size, once.
 * <p>
 * Owned by the thread that owns the buffer's connection.
 */
public final class BufferIdleTimer
{
    /** How long a grown buffer stays unused before it shrinks: a second, far longer than any gap inside a burst. */
    public static final long SHRINK_AFTER_NS = 1_000_000_000L;

    private boolean used;
    private long lastUsedNs;

    /** The buffer was just used beyond its idle size. I/O path; no clock read. */
    public void markUsed()
    {
        used = true;
    }

    /**
     * Whether the buffer has not been used beyond its idle size for {@link #SHRINK_AFTER_NS}. Each call that finds
     * it used since the last one starts the wait again.
     *
     * @param nowNs the owner's time for this duty cycle.
     * @return true if it may shrink now.
     */
    public boolean isIdle(final long nowNs)
    {
        if (used)
        {
            used = false;
            lastUsedNs = nowNs;
            return false;
        }
        return nowNs - lastUsedNs >= SHRINK_AFTER_NS;
    }
}
