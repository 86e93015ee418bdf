package io.monocoque.perf.latency;

import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.RunProgress;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The two measuring loops. Both run on the benchmark thread, allocate nothing, and read the clock only around
 * each request and while idle.
 * <ul>
 *   <li>Closed loop (ping-pong): send one request, wait for its reply, record the round trip, repeat.</li>
 *   <li>Open loop (fixed rate): request {@code i} is due at {@code start + i / rate}; each cycle sends whatever is
 *   due (late requests go at once), polls replies, and records each reply's latency from the <em>intended</em>
 *   send time carried in its payload, so a stall delays the measured latency of every request that should have
 *   gone during it (coordinated omission corrected, as in wrk2).</li>
 * </ul>
 */
public final class Loops implements ReplySink
{
    private final LatencyClient client;
    private final IdleStrategy idle;
    private final RunProgress progress;
    private final long timeoutNs;
    private final long timeoutMs;
    private LatencyRecorder recorder;
    private long replies;

    /**
     * Loops over one client.
     *
     * @param client    the open client.
     * @param idle      how to wait when there is nothing to do.
     * @param progress  told how far the loop is.
     * @param timeoutMs longest wait for a reply before failing.
     */
    public Loops(final LatencyClient client, final IdleStrategy idle, final RunProgress progress, final long timeoutMs)
    {
        this.client = client;
        this.idle = idle;
        this.progress = progress;
        this.timeoutMs = timeoutMs;
        this.timeoutNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /**
     * Run {@code count} unrecorded round trips.
     *
     * @param count round trips; 0 runs none.
     * @return round trips run.
     */
    public long warmUpExactly(final long count)
    {
        if (count > 0)
        {
            closedLoop(count, null);
        }
        return Math.max(0, count);
    }

    /**
     * Closed loop: {@code count} round trips one after another.
     *
     * @param count    round trips.
     * @param recorder where round-trip times go, or null (warm-up).
     */
    public void closedLoop(final long count, final LatencyRecorder recorder)
    {
        this.recorder = null; // closed loop times the round trip here, not from the payload
        if (recorder != null)
        {
            recorder.begin(System.nanoTime());
        }
        for (long i = 0; i < count; i++)
        {
            final long startNs = System.nanoTime();
            final long target = replies + 1;
            idle.reset();
            while (!client.offer(startNs))
            {
                idle.idle(client.poll(this));
                checkTimeout(startNs, i);
            }
            idle.reset();
            while (replies < target)
            {
                final int work = client.poll(this);
                if (work == 0)
                {
                    checkTimeout(startNs, i);
                }
                idle.idle(work);
            }
            final long endNs = System.nanoTime();
            if (recorder != null)
            {
                recorder.record(endNs - startNs, endNs);
            }
            progress.update(i + 1);
        }
        if (recorder != null)
        {
            recorder.end();
        }
    }

    /**
     * One round trip that may take a while (the connection may still be opening), unmeasured.
     *
     * @param timeoutMs longest wait for the reply.
     * @return true if the reply came, false if the time ran out.
     */
    public boolean firstRoundTrip(final long timeoutMs)
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final long target = replies + 1;
        idle.reset();
        while (!client.offer(startNs))
        {
            idle.idle(client.poll(this));
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
        }
        while (replies < target)
        {
            final int work = client.poll(this);
            if (work == 0 && System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            idle.idle(work);
        }
        return true;
    }

    /**
     * Open loop: {@code count} requests at a fixed rate, latencies from the intended send times.
     *
     * @param count    requests.
     * @param rate     requests per second.
     * @param recorder where latencies go.
     */
    public void openLoop(final long count, final long rate, final LatencyRecorder recorder)
    {
        this.recorder = recorder;
        final long target = replies + count;
        final long startNs = System.nanoTime();
        recorder.begin(startNs);
        long sent = 0;
        long lastActivityNs = startNs;
        while (replies < target)
        {
            final long nowNs = System.nanoTime();
            int work = 0;
            while (sent < count)
            {
                final long intendedNs = startNs + intendedOffsetNs(sent, rate);
                if (intendedNs - nowNs > 0 || !client.offer(intendedNs))
                {
                    break;
                }
                sent++;
                work++;
            }
            work += client.poll(this);
            if (work > 0)
            {
                lastActivityNs = nowNs;
                progress.update(count - (target - replies));
            }
            else if (nowNs - lastActivityNs > timeoutNs)
            {
                throw new BenchmarkFailedException("no reply for " + timeoutMs + " ms (" +
                    (count - (target - replies)) + " of " + count + " replies received, " + sent + " requests sent)");
            }
            idle.idle(work);
        }
        recorder.end();
        this.recorder = null;
    }

    /**
     * Offset of request {@code i} from the start: {@code i * 1e9 / rate} ns, without overflow for any run that
     * fits in a long of nanoseconds.
     */
    static long intendedOffsetNs(final long index, final long rate)
    {
        final long seconds = index / rate;
        final long remainder = index % rate;
        return seconds * 1_000_000_000L + remainder * 1_000_000_000L / rate;
    }

    private void checkTimeout(final long startNs, final long index)
    {
        if (System.nanoTime() - startNs > timeoutNs)
        {
            throw new BenchmarkFailedException("no reply within " + timeoutMs + " ms (round trip " + (index + 1) +
                "); is the echo peer running and of a matching type?");
        }
    }

    @Override
    public void onReply(final long stampNs)
    {
        replies++;
        if (recorder != null)
        {
            if (stampNs == NO_STAMP)
            {
                throw new BenchmarkFailedException("a reply of under 8 bytes carries no send time");
            }
            final long nowNs = System.nanoTime();
            recorder.record(nowNs - stampNs, nowNs);
        }
    }
}
