package io.monocoque.perf.latency;

import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.RunProgress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a latency benchmark: for each round, each implementation in turn (interleaved, so machine noise hits all
 * alike) sets up its echo side (unless external) and client, warms up with closed-loop round trips, then measures
 * its share of the count closed-loop or open-loop, accumulating into one recorder per implementation.
 */
public final class LatencyBench
{
    private static final int SETUP_ATTEMPTS = 3;
    private static final long FIRST_REPLY_MS = 3_000;
    /** Round trips timed after the warm-up to know a closed loop's pace, when the interval is to be chosen. */
    private static final long PACE_PROBE = 2_000;

    private LatencyBench()
    {
    }

    /**
     * Run.
     *
     * @param config   the settings.
     * @param err      where set-up notes go.
     * @param progress the progress indicator.
     * @return one result per implementation, in the order of {@code config.impls}.
     * @throws Exception if a run fails.
     */
    public static List<LatencyResult> run(final LatencyConfig config, final PrintStream err, final RunProgress progress)
        throws Exception
    {
        final Map<Impl, LatencyRecorder> recorders = new LinkedHashMap<>();
        final int expectedIntervals = config.openLoop() && config.intervalMs() != LatencyRecorder.AUTO_INTERVAL ?
            (int)Math.min(1024, config.count() / Math.max(1, config.rate()) * 1000 / config.intervalMs() + 2) : 16;
        for (final Impl impl : config.impls())
        {
            recorders.put(impl, new LatencyRecorder(config.intervalMs(), expectedIntervals));
        }
        for (int round = 1; round <= config.rounds(); round++)
        {
            final long share = config.count() / config.rounds() +
                (round == config.rounds() ? config.count() % config.rounds() : 0);
            for (final Impl impl : config.impls())
            {
                final String label = impl.label() +
                    (config.rounds() > 1 ? " round " + round + "/" + config.rounds() : "");
                runOne(impl, config, share, recorders.get(impl), label, err, progress);
            }
        }
        final List<LatencyResult> results = new ArrayList<>();
        for (final Map.Entry<Impl, LatencyRecorder> entry : recorders.entrySet())
        {
            results.add(new LatencyResult(entry.getKey(), entry.getValue(), entry.getKey().threading(config)));
        }
        return results;
    }

    private static void runOne(final Impl impl, final LatencyConfig config, final long count,
        final LatencyRecorder recorder, final String label, final PrintStream err, final RunProgress progress)
        throws Exception
    {
        for (int attempt = 1; ; attempt++)
        {
            if (attemptOne(impl, config, count, recorder, label, err, progress))
            {
                return;
            }
            // Only JeroMQ gets here: a Monocoque stall is reported as the failure it is.
            if (attempt == SETUP_ATTEMPTS)
            {
                throw new BenchmarkFailedException(impl.label() + ": no reply to the first request within " +
                    FIRST_REPLY_MS + " ms in " + SETUP_ATTEMPTS + " attempts");
            }
            err.println("monocoque bench latency: " + impl.label() + ": no reply to the first request within " +
                FIRST_REPLY_MS + " ms; setting up again (attempt " + (attempt + 1) + " of " + SETUP_ATTEMPTS + ")");
        }
    }

    /**
     * How long this implementation's measured phases will take in all: from the rate for an open loop, from the
     * warm-up's pace for a closed one (its later, JIT-compiled part is faster, so this errs long).
     */
    private static long expectedRunNs(final LatencyConfig config, final long warmedUp, final long warmUpNs)
    {
        if (config.openLoop())
        {
            return (long)(config.count() * 1e9 / Math.max(1, config.rate()));
        }
        return warmedUp <= 0 ? 0 : (long)((double)warmUpNs / warmedUp * config.count());
    }

    /** @return false if JeroMQ's first round trip stalled (the caller sets up again); true when measured. */
    private static boolean attemptOne(final Impl impl, final LatencyConfig config, final long count,
        final LatencyRecorder recorder, final String label, final PrintStream err, final RunProgress progress)
        throws Exception
    {
        EchoServer echo = null;
        try (LatencyClient client = impl.newClient(config))
        {
            final String endpoint;
            final boolean bind = config.bind() != null;
            if (config.inProcess())
            {
                echo = impl.newEchoServer(config);
                endpoint = echo.start();
            }
            else
            {
                endpoint = bind ? config.bind() : config.connect();
                if (bind)
                {
                    err.println("monocoque bench latency: " + impl.label() + " binding " + endpoint +
                        ", waiting for an echo peer to connect");
                }
            }
            final String real = client.open(endpoint, bind, config.timeoutMs());
            if (bind && !real.equals(endpoint))
            {
                err.println("monocoque bench latency: bound " + real);
            }
            final Loops loops = new Loops(client, client.loopIdle(config.idleFor(impl).newStrategy()), progress,
                config.timeoutMs());
            progress.phase(label + " warm-up", config.warmup());
            if (impl == Impl.JEROMQ && config.inProcess() && !loops.firstRoundTrip(FIRST_REPLY_MS))
            {
                // JeroMQ 0.6 occasionally leaves a new loopback connection stuck in its handshake (its I/O
                // thread never reads the peer's greeting); a fresh pair of contexts gets going.
                return false;
            }
            // An external echo peer may answer a fixed count (warm-up plus measured): run exactly --warmup there.
            final long warmUpStartNs = System.nanoTime();
            long warmedUp = config.inProcess() ? new CompilationSettle().warmUp(loops, config.warmup()) :
                loops.warmUpExactly(config.warmup());
            long paceNs = System.nanoTime() - warmUpStartNs;
            long paced = warmedUp;
            if (config.inProcess() && !config.openLoop() && !recorder.isIntervalChosen())
            {
                // The warm-up's early part runs in the interpreter: time a compiled stretch for the expected pace.
                final long probeStartNs = System.nanoTime();
                paced = loops.warmUpExactly(Math.max(1, Math.min(PACE_PROBE, config.warmup())));
                paceNs = System.nanoTime() - probeStartNs;
                warmedUp += paced;
            }
            recorder.warmedUp(warmedUp);
            recorder.sizeIntervals(expectedRunNs(config, paced, paceNs));
            progress.phase(label + (config.openLoop() ? " at " + config.rate() + " msgs/s" : ""), count);
            if (config.openLoop())
            {
                loops.openLoop(count, config.rate(), recorder);
            }
            else
            {
                loops.closedLoop(count, recorder);
            }
            return true;
        }
        finally
        {
            if (echo != null)
            {
                echo.close();
            }
        }
    }
}
