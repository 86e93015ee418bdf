package io.monocoque.perf.output;

import io.monocoque.hdr.report.ThroughputReport;
import io.monocoque.perf.latency.Impl;
import io.monocoque.perf.throughput.ThroughputBench;
import io.monocoque.perf.throughput.ThroughputConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the result files of a point-to-point {@code bench throughput} invocation (PUSH–PULL or DEALER–ROUTER) into
 * the output directory, so a run can be kept and compared with next week's:
 * <ul>
 *   <li>{@code throughput-summary.json}: one object per implementation, the same family as latency's
 *   {@code summary.json} (benchmark "throughput", command, impl, impl_version, pattern, sockets, transport, size,
 *   count, warmup, rounds, warmup_rounds, batch, batch_api, idle, idle_reason, threads, msgsPerSecond (median),
 *   mbPerSecond, ratio (to the first implementation), rounds_msgs_per_s, files {csv, html}, then the machine facts);
 *   named apart from latency's so the two benchmarks can share a directory;</li>
 *   <li>{@code throughput-PATTERN-SIZEB.csv}: one row per implementation and round, then one per median;</li>
 *   <li>{@code throughput-PATTERN-SIZEB.html}: the report (module hdr-reports): bars of msgs/s and MB/s, the ratio
 *   table and what was run.</li>
 * </ul>
 * Files of the same name are replaced.
 */
public final class ThroughputFiles
{
    /** Name of the summary file in the output directory. */
    public static final String SUMMARY = "throughput-summary.json";
    private static final double BYTES_PER_MB = 1e6;

    private ThroughputFiles()
    {
    }

    /**
     * Write every file.
     *
     * @param config      the run's settings.
     * @param out         the directory, created if missing.
     * @param rounds      messages per second per implementation and round ({@link ThroughputBench#runRounds}).
     * @param commandLine the command as typed.
     * @param versions    each implementation's version.
     * @param facts       JVM and machine.
     * @param title       the report's title.
     * @return the files written: summary, CSV, HTML.
     * @throws IOException if a file cannot be written.
     */
    public static List<Path> write(final ThroughputConfig config, final Path out, final double[][] rounds,
        final String commandLine, final Map<Impl, String> versions, final MachineFacts facts, final String title)
        throws IOException
    {
        Files.createDirectories(out);
        final String scenario = "throughput-" + config.pattern().label() + "-" + config.size() + "B";
        final Path csv = out.resolve(scenario + ".csv");
        final Path html = out.resolve(scenario + ".html");
        final Path summary = out.resolve(SUMMARY);
        final double[] medians = ThroughputBench.medians(rounds);
        Files.writeString(csv, csv(config, rounds, medians), StandardCharsets.UTF_8);
        final String json = summary(config, rounds, medians, commandLine, versions, facts, csv, html);
        Files.writeString(summary, json, StandardCharsets.UTF_8);

        final List<ThroughputReport.Result> results = new ArrayList<>();
        for (int i = 0; i < rounds.length; i++)
        {
            final List<Double> each = new ArrayList<>();
            for (final double rate : rounds[i])
            {
                each.add(rate);
            }
            results.add(new ThroughputReport.Result(config.impls().get(i).label() + " " + config.pattern().label() +
                " " + config.size() + "B", medians[i], medians[i] * config.size() / BYTES_PER_MB, each));
        }
        new ThroughputReport(title).note("command", commandLine)
            .summaries(io.monocoque.hdr.io.RunSummaries.runsIn(summary)).write(results, html);
        return List.of(summary, csv, html);
    }

    private static String csv(final ThroughputConfig config, final double[][] rounds, final double[] medians)
    {
        final StringBuilder csv = new StringBuilder("impl,pattern,size_bytes,round,msgs_per_s,mb_per_s\n");
        for (int i = 0; i < rounds.length; i++)
        {
            for (int r = 0; r < rounds[i].length; r++)
            {
                row(csv, config, i, Integer.toString(r + 1), rounds[i][r]);
            }
        }
        for (int i = 0; i < medians.length; i++)
        {
            row(csv, config, i, "median", medians[i]);
        }
        return csv.toString();
    }

    private static void row(final StringBuilder csv, final ThroughputConfig config, final int impl,
        final String round, final double rate)
    {
        csv.append(config.impls().get(impl).label()).append(',').append(config.pattern().label()).append(',')
            .append(config.size()).append(',').append(round).append(',')
            .append(String.format(Locale.ROOT, "%.1f,%.3f", rate, rate * config.size() / BYTES_PER_MB)).append('\n');
    }

    private static String summary(final ThroughputConfig config, final double[][] rounds, final double[] medians,
        final String commandLine, final Map<Impl, String> versions, final MachineFacts facts, final Path csv,
        final Path html)
    {
        final JsonWriter json = new JsonWriter().beginArray();
        for (int i = 0; i < rounds.length; i++)
        {
            final Impl impl = config.impls().get(i);
            json.beginObject();
            json.member("benchmark", "throughput");
            json.member("command", commandLine);
            json.member("impl", impl.label());
            json.member("impl_version", versions.get(impl));
            json.member("pattern", config.pattern().label());
            json.member("sockets", config.pattern().sourceType() + "-" + config.pattern().sinkType());
            json.member("transport", "tcp");
            json.member("size", config.size());
            json.member("count", config.count());
            json.member("warmup", config.warmup());
            json.member("rounds", config.rounds());
            json.member("warmup_rounds", config.warmupRounds());
            if (config.batch() > 0)
            {
                json.member("batch", config.batch());
            }
            else
            {
                json.nullMember("batch");
            }
            json.member("batch_api", config.batch() == 0 ? "one offer per message" :
                config.claimBatches() ? "tryClaimBatch, written in place" : "offer(MessageBatch)");
            json.member("idle", config.idleFor(impl).label());
            final String reason = config.idleReason(impl).trim();
            json.member("idle_reason", reason.isEmpty() ? "chosen (--idle)" :
                reason.substring(1, reason.length() - 1));
            json.member("threads", ThroughputBench.threading(impl, config));
            json.member("msgsPerSecond", medians[i]);
            json.member("mbPerSecond", medians[i] * config.size() / BYTES_PER_MB);
            json.member("ratio", medians[0] > 0 ? medians[i] / medians[0] : Double.NaN);
            json.beginArray("rounds_msgs_per_s");
            for (final double rate : rounds[i])
            {
                json.element(rate);
            }
            json.endArray();
            json.beginObject("files");
            json.member("csv", csv.getFileName().toString());
            json.member("html", html.getFileName().toString());
            json.endObject();
            facts.writeTo(json);
            json.endObject();
        }
        return json.endArray().toString();
    }
}
