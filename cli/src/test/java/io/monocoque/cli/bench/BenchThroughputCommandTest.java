package io.monocoque.cli.bench;

import io.monocoque.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short {@code bench throughput} runs (backoff idle): structure of the output only, never the rates' size.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchThroughputCommandTest
{
    @TempDir
    Path out;

    /** {@code bench throughput ARGS --out OUT}: result files go to the test's directory, not ./results. */
    private CommandRun throughput(final String... args)
    {
        final String[] argv = new String[args.length + 4];
        argv[0] = "bench";
        argv[1] = "throughput";
        System.arraycopy(args, 0, argv, 2, args.length);
        argv[args.length + 2] = "--out";
        argv[args.length + 3] = out.toString();
        return CommandRun.run(argv);
    }

    @Test
    void shouldWriteTheSummaryTheCsvAndTheHtmlReportOfAPointToPointRun() throws Exception
    {
        final CommandRun run = throughput("--impl", "monocoque,jeromq", "--count", "20000", "--warmup", "2000",
            "--rounds", "2", "--idle", "backoff", "--warmup-rounds", "0");
        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().contains("Results: " + out.resolve("throughput-summary.json")), run.describe());

        final List<String> csv = Files.readAllLines(out.resolve("throughput-push-64B.csv"));
        assertEquals("impl,pattern,size_bytes,round,msgs_per_s,mb_per_s", csv.get(0));
        assertEquals(1 + 2 * 2 + 2, csv.size(), "two rounds and a median per implementation: " + csv);
        assertTrue(csv.get(1).startsWith("monocoque,push,64,1,") && csv.get(6).startsWith("jeromq,push,64,median,"),
            csv.toString());

        assertEquals(List.of(), SummarySchema.load().violations(out.resolve("throughput-summary.json")),
            "throughput-summary.json against docs/summary.schema.json");
        final String json = Files.readString(out.resolve("throughput-summary.json"), StandardCharsets.UTF_8);
        for (final String member : List.of("\"benchmark\": \"throughput\"", "\"impl\": \"monocoque\"",
            "\"impl\": \"jeromq\"", "\"sockets\": \"PUSH-PULL\"", "\"rounds_msgs_per_s\": [", "\"ratio\": 1.000",
            "\"command\": \"monocoque bench throughput --impl monocoque,jeromq",
            "\"csv\": \"throughput-push-64B.csv\""))
        {
            assertTrue(json.contains(member), member + " missing from\n" + json);
        }
        final String html = Files.readString(out.resolve("throughput-push-64B.html"), StandardCharsets.UTF_8);
        assertEquals(4, html.split("class=\"bar\"", -1).length - 1, "msgs/s and MB/s bars for two implementations");
        assertTrue(html.contains("What was run") && html.contains("jeromq 0.6.0"), "what was run, with versions");
    }

    @Test
    void shouldReportMonocoqueAndJeromqRatesWithTheRatio()
    {
        final CommandRun run = throughput("--impl", "monocoque,jeromq", "--count", "20000",
            "--warmup", "2000", "--rounds", "1", "--idle", "backoff", "--size", "128");
        // (one uncounted warm-up round by default)

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().startsWith("## monocoque bench throughput: PUSH -> PULL, tcp loopback, 128 B, 20,000 " +
            "measured messages after 2,000 warm-up, 1 uncounted warm-up round first\n"), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| push \\| 128 \\| [0-9,]+ \\| [0-9,.]+ \\| 1\\.00× \\|$")
            .matcher(run.out()).find(), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| jeromq \\| push \\| 128 \\| [0-9,]+ \\| [0-9,.]+ \\| [0-9.]+× \\|$")
            .matcher(run.out()).find(), run.describe());
    }

    @Test
    void shouldStreamDealerToRouter()
    {
        final CommandRun run = throughput("--pattern", "dealer", "--count", "20000",
            "--idle", "backoff", "--warmup-rounds", "0");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| dealer \\| 64 \\| [0-9,]+ \\| [0-9,.]+ \\| 1\\.00× \\|$")
            .matcher(run.out()).find(), run.describe());
    }

    @Test
    void shouldStreamWithBothSidesSleepingInTheSelectorAndRefuseItForPubForNow()
    {
        final CommandRun run = throughput("--impl", "monocoque,jeromq", "--count", "20000",
            "--idle", "selector", "--rounds", "1", "--warmup-rounds", "0");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| push \\| 64 \\| [0-9,]+ \\| [0-9,.]+ \\| 1\\.00× \\|$")
            .matcher(run.out()).find(), run.describe());

        final CommandRun pub = throughput("--pattern", "pub", "--idle", "selector");
        assertEquals(2, pub.exitStatus(), pub.describe());
        assertTrue(pub.err().contains("--idle selector is not supported with --pattern pub yet"), pub.describe());
    }

    @Test
    void shouldChooseEachImplementationsIdleStrategyForTheMachineByDefaultAndSayWhy()
    {
        final CommandRun run = throughput("--impl", "monocoque,jeromq", "--count", "20000",
            "--rounds", "1", "--warmup-rounds", "0");

        assertEquals(0, run.exitStatus(), run.describe());
        final String cpus = Runtime.getRuntime().availableProcessors() + " CPUs for ";
        assertTrue(Pattern.compile("idle (busy|selector) \\(auto: " + cpus + "2 threads that would spin, " +
            "(one|none) to spare\\)").matcher(run.out()).find(), run.describe());
        assertTrue(Pattern.compile("idle (busy|selector)( = JeroMQ's blocking send and receive)? \\(auto: " + cpus +
            "4 threads that would spin").matcher(run.out()).find(), run.describe());
    }

    @Test
    void shouldReportPubFanOutPerSubscriberCountWithJeromqSideBySide()
    {
        final CommandRun run = throughput("--pattern", "pub", "--subscribers", "1,3",
            "--impl", "monocoque,jeromq", "--count", "20000", "--warmup", "2000", "--rounds", "1",
            "--warmup-rounds", "0", "--idle", "backoff");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().startsWith("## monocoque bench throughput: PUB -> SUB fan-out, tcp loopback, 64 B"),
            run.describe());
        assertTrue(run.out().contains("- HWM per subscriber: 1 subscriber 4096 KiB (JeroMQ 63550 messages), " +
            "3 subscribers 4096 KiB (JeroMQ 63550 messages)"),
            run.describe());
        for (final String row : new String[]{"monocoque \\| 1", "jeromq \\| 1", "monocoque \\| 3", "jeromq \\| 3"})
        {
            assertTrue(Pattern.compile("(?m)^\\| " + row + " \\| 0 \\| 64 \\| [0-9,]+ \\| [0-9,]+ \\| [0-9,.]+ \\| " +
                "[0-9,]+ \\| [0-9.]+% \\| – \\| – \\| – \\| [0-9.]+× \\|$").matcher(run.out()).find(),
                row + "\n" + run.describe());
        }
    }

    @Test
    void shouldDeliverEveryMessageToEverySubscriberWhenTheHwmHoldsTheRun()
    {
        // 20,000 messages of 64 B = 1.3 MB fit each subscriber's 4 MiB HWM: no drop is possible, so 0.0% lost
        // checks that the counting sees every delivery on every subscriber.
        final CommandRun run = throughput("--pattern", "pub", "--subscribers", "4",
            "--count", "20000", "--warmup", "0", "--warmup-rounds", "0", "--idle", "backoff");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| 4 \\| 0 \\| 64 \\| [0-9,]+ \\| [0-9,]+ \\| [0-9,.]+ \\| " +
            "[0-9,]+ \\| 0\\.0% \\| – \\| – \\| – \\| 1\\.00× \\|$").matcher(run.out()).find(), run.describe());
    }

    @Test
    void shouldReportReadersLatencyWithAndWithoutAStalledSubscriberWhenPaced()
    {
        final CommandRun run = throughput("--pattern", "pub", "--subscribers", "3",
            "--stalled", "1", "--rate", "20000", "--count", "30000", "--warmup", "3000", "--warmup-rounds", "0",
            "--impl", "monocoque,jeromq");

        assertEquals(0, run.exitStatus(), run.describe());
        for (final String row : new String[]{"monocoque \\| 3 \\| 0", "monocoque \\| 3 \\| 1", "jeromq \\| 3 \\| 0",
            "jeromq \\| 3 \\| 1"})
        {
            // Paced, nothing may be lost at the readers: the stalled subscriber's drops are its own.
            assertTrue(Pattern.compile("(?m)^\\| " + row + " \\| 64 \\| [0-9,]+ \\| [0-9,]+ \\| [0-9,.]+ \\| " +
                "[0-9,]+ \\| 0\\.0% \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9.]+× \\|$")
                .matcher(run.out()).find(), row + "\n" + run.describe());
        }
        assertTrue(Pattern.compile("(?m)^- monocoque, 3 subscribers: p99 with 1 stalled / without = [0-9.]+×$")
            .matcher(run.out()).find(), run.describe());
    }

    @Test
    void shouldRejectPacingMessagesTooSmallToCarryATimeStamp()
    {
        final CommandRun run = throughput("--pattern", "pub", "--rate", "1000",
            "--size", "8");

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().contains("--rate needs --size 9 or more"), run.describe());
    }

    @Test
    void shouldStreamBatchesClaimedInPlaceAndRefuseAClaimWithoutABatch()
    {
        final CommandRun run = throughput("--count", "20000", "--batch", "100", "--claim",
            "--idle", "backoff", "--warmup-rounds", "0");

        assertEquals(0, run.exitStatus(), run.describe());
        assertTrue(run.out().contains("- Monocoque's source claims 100 messages at a time (tryClaimBatch, written in " +
            "place)\n"), run.describe());
        assertTrue(Pattern.compile("(?m)^\\| monocoque \\| push \\| 64 \\| [0-9,]+ \\| [0-9,.]+ \\| 1\\.00× \\|$")
            .matcher(run.out()).find(), run.describe());

        final CommandRun alone = throughput("--claim");
        assertEquals(2, alone.exitStatus(), alone.describe());
        assertTrue(alone.err().contains("--claim goes with --batch N"), alone.describe());
    }

    @Test
    void shouldRejectSubscribersWithoutThePubPattern()
    {
        final CommandRun run = throughput("--subscribers", "10");

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().contains("--subscribers needs --pattern pub"), run.describe());
    }

    @Test
    void shouldRejectASubscriberCountThatIsNotANumber()
    {
        final CommandRun run = throughput("--pattern", "pub", "--subscribers", "1,ten");

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().contains("--subscribers: 'ten' is not a number"), run.describe());
    }

    @Test
    void shouldRejectAnHwmTooSmallForTheMessageSize()
    {
        final CommandRun run = throughput("--size", "8k", "--hwm", "16k");

        assertEquals(2, run.exitStatus(), run.describe());
        assertTrue(run.err().contains("--hwm 16384 is too small for 8192-byte messages"), run.describe());
    }
}
