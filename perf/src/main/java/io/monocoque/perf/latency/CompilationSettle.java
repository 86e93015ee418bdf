package io.monocoque.perf.latency;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * When a warm-up may end: after its minimum count of round trips, and once the JIT has settled, i.e. a chunk of
 * round trips ran without the JVM's total compilation time ({@link CompilationMXBean}) growing, for
 * {@link #QUIET_CHUNKS} chunks in a row, or at the cap (a JVM that never settles still gets measured). Without
 * compilation-time monitoring only the minimum runs. A short run measured while C2 still compiles the hot path
 * reports the interpreter's latency, not the library's. Owned by the measuring thread.
 */
final class CompilationSettle
{
    /** Round trips per chunk between two readings of the compilation time. */
    static final long CHUNK = 1_000;
    /** Chunks in a row without compilation before the warm-up ends. */
    static final int QUIET_CHUNKS = 2;
    /** Longest warm-up, as a multiple of the minimum. */
    static final long CAP_FACTOR = 10;

    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();

    /**
     * Warm up: at least {@code minimum} round trips, then chunks until compilation has settled.
     *
     * @param loops   runs round trips, unrecorded.
     * @param minimum round trips to run whatever the JIT does; 0 runs none at all.
     * @return round trips run.
     */
    long warmUp(final Loops loops, final long minimum)
    {
        if (minimum <= 0)
        {
            return 0;
        }
        loops.closedLoop(minimum, null);
        long run = minimum;
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported())
        {
            return run;
        }
        final long cap = minimum * CAP_FACTOR;
        long lastMs = compiler.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < QUIET_CHUNKS && run < cap)
        {
            loops.closedLoop(CHUNK, null);
            run += CHUNK;
            final long nowMs = compiler.getTotalCompilationTime();
            quiet = nowMs == lastMs ? quiet + 1 : 0;
            lastMs = nowMs;
        }
        return run;
    }
}
