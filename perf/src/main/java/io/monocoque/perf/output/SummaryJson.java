package io.monocoque.perf.output;

import io.monocoque.perf.latency.LatencyConfig;
import io.monocoque.perf.latency.LatencyResult;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code summary.json}: a JSON array with one object per run, so scripts and CI can track regressions without
 * parsing the console table. Members of a latency run:
 * <pre>
 * benchmark "latency", command (the command line, or null), impl, impl_version, pattern ("dealer"|"req"),
 * sockets ("DEALER-ROUTER"), transport ("tcp"), peer (where the echo side was), size (bytes), count (measured
 * round trips), warmup (the minimum asked), warmup_run (round trips warm-up ran in all rounds: more while the JIT
 * compiled), interval_ms (the .hlog's interval length, chosen or given), rounds, loop ("closed"|"open"),
 * co_correction (how coordinated omission is handled), rate (requests/s, null for closed loop), idle, idle_reason
 * (why: auto's choice or "chosen (--idle)"), threading ("INVOKER"|"DEDICATED"|...),
 * threads (description), p50Us, p90Us, p99Us, p999Us, p9999Us, maxUs, meanUs (microseconds),
 * files {hlog, hgrm, html}, javaVersion, vmName, os, availableProcessors, hostname, date (ISO-8601 UTC)
 * </pre>
 * Written by hand ({@link JsonWriter}); no JSON library.
 */
public final class SummaryJson
{
    private SummaryJson()
    {
    }

    /**
     * The summary of a latency invocation.
     *
     * @param config  its settings.
     * @param results one per implementation.
     * @param files   the files written (may have a null HTML path).
     * @param facts   JVM and machine.
     * @return the JSON text.
     */
    public static String latency(final LatencyConfig config, final List<LatencyResult> results,
        final LatencyFiles files, final MachineFacts facts)
    {
        final JsonWriter json = new JsonWriter().beginArray();
        for (int i = 0; i < results.size(); i++)
        {
            final LatencyResult result = results.get(i);
            final Percentiles numbers = new Percentiles(result.recorder().total());
            json.beginObject();
            json.member("benchmark", "latency");
            json.member("command", config.commandLine());
            json.member("impl", result.impl().label());
            json.member("impl_version", config.version(result.impl()));
            json.member("pattern", config.pattern().label());
            json.member("sockets", config.pattern().clientType() + "-" + config.pattern().echoType());
            json.member("transport", config.transport());
            json.member("peer", config.peerDescription());
            json.member("size", config.size());
            json.member("count", numbers.count());
            json.member("warmup", config.warmup());
            json.member("warmup_run", result.recorder().warmupRun());
            json.member("interval_ms", result.recorder().intervalMs());
            json.member("rounds", config.rounds());
            json.member("loop", config.openLoop() ? "open" : "closed");
            json.member("co_correction", config.openLoop() ?
                "corrected: each latency runs from when its request was due at the fixed rate, not when it was sent" :
                "none needed: closed loop, each request waits for the previous reply (measures round trips, not " +
                    "response times under load)");
            if (config.openLoop())
            {
                json.member("rate", config.rate());
            }
            else
            {
                json.nullMember("rate");
            }
            json.member("idle", config.idleFor(result.impl()).label());
            json.member("idle_reason", config.idleIsAuto() ? result.impl().defaultIdleReason() : "chosen (--idle)");
            json.member("threading", result.impl().threadingMode(config));
            json.member("threads", result.threading());
            for (int p = 0; p < Percentiles.LEVELS.length; p++)
            {
                json.member(Percentiles.JSON_NAMES[p], numbers.valueUs(p));
            }
            json.member("maxUs", numbers.maxUs());
            json.member("meanUs", numbers.meanUs());
            json.beginObject("files");
            json.member("hlog", name(files.hlogs().get(i)));
            json.member("hgrm", name(files.hgrms().get(i)));
            json.member("html", files.html() == null ? null : name(files.html()));
            json.endObject();
            facts.writeTo(json);
            json.endObject();
        }
        return json.endArray().toString();
    }

    private static String name(final Path path)
    {
        return path.getFileName().toString();
    }
}
