package io.monocoque.perf.latency;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interval length a recorder chooses from a run's expected duration, and what it records with it. */
class LatencyRecorderIntervalTest
{
    @Test
    void shouldChooseA125IntervalNearATwentyFifthOfTheRunWithinTenMillisecondsAndOneSecond()
    {
        assertEquals(100, LatencyRecorder.chooseIntervalMs(TimeUnit.SECONDS.toNanos(4)), "4 s: 160 ms -> 100 ms");
        assertEquals(200, LatencyRecorder.chooseIntervalMs(TimeUnit.SECONDS.toNanos(6)), "6 s: 240 ms -> 200 ms");
        assertEquals(500, LatencyRecorder.chooseIntervalMs(TimeUnit.SECONDS.toNanos(15)));
        assertEquals(1_000, LatencyRecorder.chooseIntervalMs(TimeUnit.MINUTES.toNanos(10)), "at most 1 s");
        assertEquals(10, LatencyRecorder.chooseIntervalMs(TimeUnit.MILLISECONDS.toNanos(50)), "at least 10 ms");
        assertEquals(10, LatencyRecorder.chooseIntervalMs(0));
        for (long seconds = 1; seconds <= 25; seconds++)
        {
            final long expectedNs = TimeUnit.SECONDS.toNanos(seconds);
            final long intervals = TimeUnit.NANOSECONDS.toMillis(expectedNs) / LatencyRecorder.chooseIntervalMs(
                expectedNs);
            assertTrue(intervals >= 20, seconds + " s gives " + intervals + " intervals");
        }
    }

    @Test
    void shouldCutARunIntoIntervalsOfTheChosenLengthAndKeepAGivenOne()
    {
        final LatencyRecorder auto = new LatencyRecorder(LatencyRecorder.AUTO_INTERVAL, 0);
        auto.sizeIntervals(TimeUnit.SECONDS.toNanos(2)); // 80 ms -> 50 ms
        assertEquals(50, auto.intervalMs());
        auto.sizeIntervals(TimeUnit.SECONDS.toNanos(60));
        assertEquals(50, auto.intervalMs(), "chosen once");
        final long start = 1_000_000_000L;
        auto.begin(start);
        for (long t = 0; t < TimeUnit.MILLISECONDS.toNanos(1_000); t += TimeUnit.MICROSECONDS.toNanos(100))
        {
            auto.record(10_000, start + t);
        }
        auto.end();
        assertEquals(20, auto.intervals().size(), "one second in 50 ms intervals");

        final LatencyRecorder given = new LatencyRecorder(250, 4);
        given.sizeIntervals(TimeUnit.SECONDS.toNanos(2));
        assertEquals(250, given.intervalMs(), "a given length is kept");
    }
}
