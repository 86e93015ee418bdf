package io.monocoque.cli.bench;

import io.monocoque.cli.CommandRun;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short {@code bench latency} runs (backoff idle, small counts): the table, and each result file with the right
 * content. Timings are never asserted, only counts and structure.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BenchLatencyCommandTest
{
    @TempDir
    Path out;

    private CommandRun bench(final String... options)
    {
        final String[] argv = new String[options.length + 6];
        argv[0] = "bench";
        argv[1] = "latency";
        argv[2] = "--idle";
        argv[3] = "backoff";
        argv[4] = "--out";
        argv[5] = out.toString();
        System.arraycopy(options, 0, argv, 6, options.length);
        final CommandRun run = CommandRun.run(argv);
        assertEquals(0, run.exitStatus(), run.describe());
        return run;
    }

    private static void assertTableRow(final String output, final String impl, final String count)
    {
        final Pattern row = Pattern.compile("(?m)^\\| " + impl + " \\|( [0-9.,]+ \\|){7} " + count + " \\|$");
        assertTrue(row.matcher(output).find(), "no table row for " + impl + " with count " + count + "\n" + output);
    }

    @Test
    void shouldCutAOneSecondRunIntoAtLeastTwentyIntervalsByDefault() throws IOException
    {
        // Open loop: 2,000 requests at 2,000/s last a second, whatever the machine: 20 ms intervals.
        bench("--count", "2000", "--warmup", "200", "--rate", "2000");

        assertTrue(summary().contains("\"interval_ms\": 20"), summary());
        final HistogramLogReader reader = new HistogramLogReader(
            out.resolve("latency-monocoque-dealer-64B-2000ps.hlog").toFile());
        int intervals = 0;
        while (reader.nextIntervalHistogram() != null)
        {
            intervals++;
        }
        assertTrue(intervals >= 20, intervals + " intervals");
    }

    private static long hlogTotalCount(final Path hlog) throws IOException
    {
        long total = 0;
        int intervals = 0;
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null)
        {
            total += ((org.HdrHistogram.AbstractHistogram)interval).getTotalCount();
            intervals++;
        }
        assertTrue(intervals >= 1, "no interval in " + hlog);
        return total;
    }

    private String summary() throws IOException
    {
        return Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintTheTableAndWriteEveryResultFileForAClosedLoopRun() throws IOException
    {
        final CommandRun run = bench("--count", "2000", "--warmup", "200");

        assertTrue(run.out().startsWith("## monocoque bench latency: DEALER -> ROUTER echo, tcp, 64 B, closed loop\n"),
            run.describe());
        assertTrue(run.out().contains("- monocoque: INVOKER mode (each side's thread drives its engine), idle " +
            "backoff, 2 threads (client, echo)\n"), run.describe());
        final Matcher warmupRun = Pattern.compile("Warm-up run \\(.*\\): monocoque ([0-9,]+)\n").matcher(run.out());
        assertTrue(warmupRun.find(), run.describe());
        final long warmedUp = Long.parseLong(warmupRun.group(1).replace(",", ""));
        assertTrue(warmedUp >= 200 && warmedUp <= 3 * 200 * 10, "at least --warmup, at most 10 times per round: " +
            warmedUp);
        assertTrue(run.out().contains("| impl | p50 | p90 | p99 | p99.9 | p99.99 | max | mean | count |\n"),
            run.describe());
        assertTableRow(run.out(), "monocoque", "2,000");

        final Path hlog = out.resolve("latency-monocoque-dealer-64B.hlog");
        assertEquals(2000, hlogTotalCount(hlog));
        final String hgrm = Files.readString(out.resolve("latency-monocoque-dealer-64B.hgrm"));
        assertTrue(Pattern.compile("Total count\\s+=\\s+2000]").matcher(hgrm).find(), hgrm);
        final String html = Files.readString(out.resolve("latency-dealer-64B.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<svg") && html.contains("monocoque dealer 64B"), "HTML report content, runs named " +
            "implementation first");
        assertTrue(html.contains("What was run") && html.contains("--count 2000 --warmup 200"),
            "the report says what was run, with the command line");

        assertEquals(List.of(), SummarySchema.load().violations(out.resolve("summary.json")),
            "summary.json against docs/summary.schema.json");
        final String json = summary();
        assertTrue(json.startsWith("[\n  {\n    \"benchmark\": \"latency\",\n    \"command\": "), json);
        assertTrue(json.contains("\n    \"impl\": \"monocoque\",\n"), json);
        for (final String member : List.of("\"pattern\": \"dealer\"", "\"sockets\": \"DEALER-ROUTER\"",
            "\"transport\": \"tcp\"", "\"size\": 64", "\"count\": 2000", "\"warmup\": 200", "\"rate\": null",
            "\"loop\": \"closed\"", "\"idle\": \"backoff\"", "\"threading\": \"INVOKER\"",
            "\"command\": \"monocoque bench latency --idle backoff --out ", "\"impl_version\": \"",
            "\"co_correction\": \"none needed: closed loop",
            "\"warmup_run\": " + warmedUp, "\"idle_reason\": \"chosen (--idle)\"",
            "\"hlog\": \"latency-monocoque-dealer-64B.hlog\"", "\"html\": \"latency-dealer-64B.html\"",
            "\"availableProcessors\": " + Runtime.getRuntime().availableProcessors(),
            "\"javaVersion\": \"" + System.getProperty("java.version") + "\""))
        {
            assertTrue(json.contains(member), member + " missing from\n" + json);
        }
        for (final String member : List.of("p50Us", "p90Us", "p99Us", "p999Us", "p9999Us", "maxUs", "meanUs",
            "vmName", "os", "hostname", "date"))
        {
            assertTrue(Pattern.compile("\"" + member + "\": [\"0-9]").matcher(json).find(), member + "\n" + json);
        }
        assertTrue(run.out().contains("Results: " + hlog), run.describe());
    }

    @Test
    void shouldMeasureAnOpenLoopRunFromTheIntendedSendTimes() throws IOException
    {
        final CommandRun run = bench("--count", "1500", "--warmup", "100", "--rate", "3000", "--size", "32");

        assertTrue(run.out().contains("open loop at 3,000 msgs/s"), run.describe());
        assertTrue(run.out().contains("from the intended send time (open loop, coordinated omission corrected)"),
            run.describe());
        assertTableRow(run.out(), "monocoque", "1,500");
        assertEquals(1500, hlogTotalCount(out.resolve("latency-monocoque-dealer-32B-3000ps.hlog")));
        assertTrue(summary().contains("\"loop\": \"open\""), summary());
        assertTrue(summary().contains("\"rate\": 3000"), summary());
    }

    @Test
    void shouldRunMonocoqueAndJeromqInterleavedSideBySideWithTheRatio() throws IOException
    {
        final CommandRun run = bench("--impl", "monocoque,jeromq", "--count", "1000", "--warmup", "100",
            "--rounds", "2", "--pattern", "req");

        assertTrue(run.out().contains("1,000 measured round trips per implementation in 2 interleaved rounds"),
            run.describe());
        assertTableRow(run.out(), "monocoque", "1,000");
        assertTableRow(run.out(), "jeromq", "1,000");
        assertTrue(Pattern.compile("(?m)^\\| jeromq / monocoque \\|( [0-9.]+× \\|){7} \\|$").matcher(run.out()).find(),
            run.describe());
        assertEquals(1000, hlogTotalCount(out.resolve("latency-monocoque-req-64B.hlog")));
        assertEquals(1000, hlogTotalCount(out.resolve("latency-jeromq-req-64B.hlog")));
        final Matcher impls = Pattern.compile("\"impl\": \"(\\w+)\"").matcher(summary());
        assertTrue(impls.find());
        assertEquals("monocoque", impls.group(1));
        assertTrue(impls.find());
        assertEquals("jeromq", impls.group(1));
        assertTrue(summary().contains("\"sockets\": \"REQ-REP\""), summary());
    }

    @Test
    void shouldMeasureAgainstAnExternalEchoPeer() throws IOException
    {
        try (CommandRun echo = CommandRun.start("echo", "--type", "ROUTER", "--bind", "tcp://127.0.0.1:0"))
        {
            final String endpoint = echo.boundEndpoint();

            final CommandRun run = bench("--connect", endpoint, "--count", "1000", "--warmup", "100");

            assertTrue(run.out().contains("far side: external echo peer, connected to " + endpoint), run.describe());
            assertTrue(run.out().contains("1 thread (client)"), run.describe());
            assertTableRow(run.out(), "monocoque", "1,000");
            assertTrue(summary().contains("\"peer\": \"external echo peer, connected to " + endpoint + "\""));
        }
    }

    @Test
    void shouldFailWhenTheExternalEchoPeerDoesNotAnswer()
    {
        final CommandRun run = CommandRun.run("bench", "latency", "--connect", "tcp://127.0.0.1:1", "--idle",
            "backoff", "--timeout-ms", "300", "--out", out.toString());

        assertEquals(1, run.exitStatus(), run.describe());
        assertTrue(run.err().contains("monocoque bench latency: no echo peer answered at tcp://127.0.0.1:1 within " +
            "300 ms"), run.describe());
    }

    @Test
    void shouldProduceValidJsonForScripts() throws Exception
    {
        final Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python))
        {
            // As the libzmq interop tests do: skipped on a developer's machine without it, a failure on CI.
            assertFalse("true".equalsIgnoreCase(System.getenv("CI")), "CI=true but there is no " + python);
            Assumptions.abort("no " + python + " to check the JSON with");
        }
        bench("--impl", "monocoque,jeromq", "--count", "300", "--warmup", "50", "--rounds", "1");

        final Process check = new ProcessBuilder(python.toString(), "-c",
            "import json,sys; runs=json.load(open(sys.argv[1])); " +
                "print(len(runs), ' '.join(r['impl'] for r in runs), all(r['p50Us'] <= r['maxUs'] for r in runs))",
            out.resolve("summary.json").toString()).redirectErrorStream(true).start();
        final String result = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(20, TimeUnit.SECONDS));
        assertEquals("2 monocoque jeromq True\n", result);
    }

    @Test
    void shouldRunDedicatedEngineThreadsAtAGivenSizeAndInterval() throws IOException
    {
        final CommandRun run = bench("--threading", "dedicated", "--size", "1k", "--count", "1000", "--warmup=100",
            "--interval-ms", "50", "--transport", "tcp", "--timeout-ms", "5000");

        assertTrue(run.out().startsWith("## monocoque bench latency: DEALER -> ROUTER echo, tcp, 1024 B, " +
            "closed loop\n"), run.describe());
        assertTrue(run.out().contains("- monocoque: DEDICATED mode (engine threads), idle backoff for all threads, " +
            "4 threads (client, client engine, echo, echo engine)\n"), run.describe());
        assertTableRow(run.out(), "monocoque", "1,000");
        assertEquals(1000, hlogTotalCount(out.resolve("latency-monocoque-dealer-1024B.hlog")));
        assertTrue(summary().contains("\"threading\": \"DEDICATED\""), summary());
    }
}
