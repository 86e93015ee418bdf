package io.monocoque.hdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.monocoque.hdr.io.RunInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monocoque report --baseline OLD NEW}: both runs on one page, the ratio table, and the exit status. */
class CompareCommandTest
{
    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

    private int run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path resultDirectory(final String name, final double scale) throws IOException
    {
        return TestData.writeResultDirectory(dir, name, scale);
    }

    @Test
    void shouldExitZeroAndDrawBothWhenNothingGrewBeyondTheThreshold() throws Exception
    {
        final Path old = resultDirectory("old", 1.0);
        final Path now = resultDirectory("new", 1.05);
        final Path page = dir.resolve("compare.html");

        assertEquals(0, run("--baseline", old.toString(), now.toString(), "--out", page.toString()), stderr + stdout);
        assertTrue(stdout.contains("2 runs compared") && stdout.contains("no regression beyond +10%"), stdout);
        final String html = Files.readString(page, StandardCharsets.UTF_8);
        TestData.parseXml(html);
        assertTrue(html.contains("Against the baseline"), "the ratio table");
        assertTrue(html.contains("baseline: monocoque dealer 64B") && html.contains(">monocoque dealer 64B<"),
            "both runs drawn, named implementation first");
        assertTrue(html.contains("monocoque bench latency old") && html.contains("monocoque bench latency new"),
            "each side described from its own summary.json");
    }

    @Test
    void shouldExitOneAndNameEachRegressionBeyondTheThreshold() throws Exception
    {
        final Path old = resultDirectory("old", 1.0);
        final Path now = resultDirectory("new", 1.5);
        final Path page = dir.resolve("compare.html");

        assertEquals(ReportCommand.EXIT_REGRESSION,
            run("--baseline", old.resolve("summary.json").toString(), now.toString(), "--out", page.toString(),
                "--threshold", "20%"), stderr);
        assertTrue(stdout.contains("regression: monocoque dealer 64B p50: "), stdout);
        assertTrue(stdout.contains("over +20%"), stdout);
        assertTrue(Files.readString(page, StandardCharsets.UTF_8).contains("class=\"num regression\""));

        assertEquals(0, run("--baseline", old.toString(), now.toString(), "--out", page.toString(),
            "--threshold", "60"), stdout);
    }

    @Test
    void shouldRefuseAComparisonOfSeveralNewRunsOrABadThreshold() throws Exception
    {
        final Path old = resultDirectory("old", 1.0);
        assertEquals(ReportCommand.EXIT_USAGE, run("--baseline", old.toString(), old.toString(), old.toString()));
        assertTrue(stderr.contains("--baseline compares one new run"), stderr);
        assertEquals(ReportCommand.EXIT_USAGE, run("--baseline", old.toString(), old.toString(), "--threshold", "x"));
        assertTrue(stderr.contains("--threshold must be a percentage"), stderr);
        assertEquals(ReportCommand.EXIT_FAILURE, run("--baseline", dir.resolve("missing").toString(), old.toString()));
    }

    @Test
    void shouldExpandADirectoryWithoutSummaryToItsLogsByName() throws Exception
    {
        final Path bare = Files.createDirectories(dir.resolve("bare"));
        TestData.writeHlog(bare.resolve("b.hlog"), 1_700_000_000_000L, TestData.intervals(1, 2, 10, 9));
        TestData.writeHlog(bare.resolve("a.hlog"), 1_700_000_000_000L, TestData.intervals(2, 2, 10, 9));
        assertEquals(List.of(bare.resolve("a.hlog"), bare.resolve("b.hlog")), RunInputs.expand(bare));
        final Path old = resultDirectory("old", 1.0);
        assertEquals(List.of(old.toAbsolutePath().resolve("latency-monocoque-dealer-64B.hlog"),
            old.toAbsolutePath().resolve("latency-jeromq-dealer-64B.hlog")), RunInputs.expand(old));
    }
}
