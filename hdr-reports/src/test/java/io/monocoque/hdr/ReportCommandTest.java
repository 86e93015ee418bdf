package io.monocoque.hdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.monocoque.hdr.model.LatencyRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest
{
    @TempDir
    Path dir;

    private Path hgrm;
    private Path hlog;
    private String stdout;
    private String stderr;

    @BeforeEach
    void files() throws Exception
    {
        hgrm = TestData.writeHgrm(dir.resolve("nio.hgrm"), TestData.latencies(41, 50_000, 20_000, 1), 1000.0);
        hlog = TestData.writeHlog(dir.resolve("engine.hlog"), 1_700_000_000_000L, TestData.intervals(42, 8, 500, 3));
    }

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

    @Test
    void writesAReportFromHgrmAndHlog() throws Exception
    {
        final Path out = dir.resolve("out/r.html");
        assertEquals(0, run(hlog.toString(), hgrm.toString(), "--out", out.toString(), "--title", "T & T",
            "--note", "machine=2 cores"), stderr);
        assertTrue(stdout.contains("wrote " + out + " (2 runs: engine, nio)"), stdout);
        final String page = Files.readString(out, StandardCharsets.UTF_8);
        TestData.parseXml(page);
        assertTrue(page.contains("<h1>T &amp; T</h1>"));
        assertTrue(page.contains("<dt>machine</dt><dd>2 cores</dd>"));
        assertTrue(page.contains("data-stat=\"p99\""), "time series from the .hlog");
    }

    @Test
    void acceptsALeadingReportWordAndEqualsSyntax()
    {
        final Path out = dir.resolve("r2.html");
        assertEquals(0, run("report", hgrm.toString(), "--out=" + out), stderr);
        assertTrue(Files.exists(out));
    }

    @Test
    void noInputFileIsBadUsage()
    {
        assertEquals(2, run(), "no args");
        assertTrue(stderr.contains("no input file given"), stderr);
        assertTrue(stderr.contains("usage: monocoque report"), stderr);
    }

    @Test
    void badUsageExitsTwoWithAReason()
    {
        assertEquals(2, run(hgrm.toString(), "--bogus", "x"));
        assertTrue(stderr.startsWith("monocoque report: unknown option --bogus"), stderr);
        assertEquals(2, run(hgrm.toString(), "--out"));
        assertTrue(stderr.startsWith("monocoque report: option --out needs a value"), stderr);
        assertEquals(2, run(hgrm.toString(), "--hlog-unit", "furlongs"));
        assertTrue(stderr.contains("unknown unit 'furlongs'"), stderr);
        assertEquals(2, run("--out", "x.html"));
    }

    @Test
    void unreadableInputExitsOne() throws Exception
    {
        final Path out = dir.resolve("never.html");
        assertEquals(1, run(dir.resolve("missing.hgrm").toString(), "--out", out.toString()));
        assertTrue(stderr.contains("no such file: " + dir.resolve("missing.hgrm")), stderr);
        final Path garbage = Files.writeString(dir.resolve("garbage.hgrm"), "not a histogram\n");
        assertEquals(1, run(garbage.toString(), "--out", out.toString()));
        assertTrue(stderr.contains("garbage.hgrm:1: expected the header"), stderr);
        assertEquals(1, run(dir.toString(), "--out", out.toString()));
        assertTrue(!Files.exists(out));
    }

    @Test
    void helpGoesToStandardOutput()
    {
        assertEquals(0, run("--help"));
        assertTrue(stdout.startsWith("usage: monocoque report FILE..."), stdout);
    }

    @Test
    void unitAndTagOptionsReachTheReaders() throws Exception
    {
        final LatencyRun asNanos = HdrReports.read(hlog);
        final LatencyRun asMicros = HdrReports.read(hlog, ReadOptions.DEFAULTS.withHlogUnit(
            io.monocoque.hdr.model.ValueUnit.MICROSECONDS));
        assertEquals(asNanos.summary().max() * 1000, asMicros.summary().max(), 1e-6);
        final Path out = dir.resolve("u.html");
        assertEquals(0, run(hlog.toString(), "--hlog-unit", "us", "--hgrm-unit", "ns", "--tag", "", hgrm.toString(),
            "--out", out.toString()), stderr);
        assertEquals(1, run(hlog.toString(), "--tag", "nope", "--out", out.toString()));
    }

    @Test
    void sameFileNamesInDifferentFoldersGetDistinctRunNames() throws Exception
    {
        final Path a = Files.createDirectories(dir.resolve("a")).resolve("run.hgrm");
        final Path b = Files.createDirectories(dir.resolve("b")).resolve("run.hgrm");
        Files.copy(hgrm, a);
        Files.copy(hgrm, b);
        final var runs = HdrReports.readAll(java.util.List.of(a, b, a), ReadOptions.DEFAULTS);
        assertEquals(a.toString().replace(".hgrm", ""), runs.get(0).name());
        assertEquals(b.toString().replace(".hgrm", ""), runs.get(1).name());
        assertEquals(a.toString().replace(".hgrm", "") + " (2)", runs.get(2).name());
    }
}
