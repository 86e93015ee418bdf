package io.monocoque.engine.net;

/**
 * Exponential back-off between reconnect attempts, as libzmq's {@code ZMQ_RECONNECT_IVL} /
 * {@code ZMQ_RECONNECT_IVL_MAX}: the first retry waits {@code reconnectIvl}, each failure doubles the wait up to
 * {@code reconnectIvlMax} (no growth when that is 0 or below the base), and a successful handshake resets it.
 * Owned by the engine agent thread.
 */
public final class ReconnectTimer
{
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final long baseMs;
    private final long maxMs;
    private long currentMs;
    private long deadlineNs;
    private boolean armed;

    /**
     * Create a timer.
     *
     * @param baseMs first delay in milliseconds; negative disables reconnection.
     * @param maxMs  largest delay; 0 (or below base) keeps the delay constant.
     */
    public ReconnectTimer(final long baseMs, final long maxMs)
    {
        this.baseMs = baseMs;
        this.maxMs = maxMs;
        this.currentMs = baseMs;
    }

    /**
     * Whether reconnection is enabled at all.
     *
     * @return false when the base interval is negative.
     */
    public boolean isEnabled()
    {
        return baseMs >= 0;
    }

    /**
     * Schedule the next attempt after the current delay, then grow the delay.
     *
     * @param nowNs current time.
     */
    public void schedule(final long nowNs)
    {
        deadlineNs = nowNs + currentMs * NANOS_PER_MILLI;
        armed = true;
        if (maxMs > baseMs)
        {
            currentMs = Math.min(maxMs, Math.max(1, currentMs * 2));
        }
    }

    /**
     * Schedule an attempt right away (the first connect).
     *
     * @param nowNs current time.
     */
    public void scheduleNow(final long nowNs)
    {
        deadlineNs = nowNs;
        armed = true;
    }

    /**
     * Whether an attempt is due; disarms the timer when it is.
     *
     * @param nowNs current time.
     * @return true if it is time to connect.
     */
    public boolean isDue(final long nowNs)
    {
        if (armed && deadlineNs - nowNs <= 0)
        {
            armed = false;
            return true;
        }
        return false;
    }

    /**
     * How long until the scheduled attempt, for an owner that sleeps until its next timer.
     *
     * @param nowNs current time.
     * @return nanoseconds until it is due (0 or less: due now), or {@link Long#MAX_VALUE} if none is scheduled.
     */
    public long nsUntilDue(final long nowNs)
    {
        return armed ? deadlineNs - nowNs : Long.MAX_VALUE;
    }

    /**
     * Back to the base delay, after a successful handshake.
     */
    public void reset()
    {
        currentMs = baseMs;
    }

    /**
     * Stop any scheduled attempt.
     */
    public void cancel()
    {
        armed = false;
    }

    /**
     * The delay the next {@link #schedule(long)} will use.
     *
     * @return milliseconds.
     */
    public long currentDelayMs()
    {
        return currentMs;
    }
}
