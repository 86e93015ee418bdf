package io.monocoque.hdr.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.monocoque.hdr.ReportCommand;
import io.monocoque.hdr.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of report rendered by a real browser: headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs) loads the page, the DOM it built is checked for the expected plots and series, and a
 * screenshot is saved under {@code target/browser/} as a test artifact. Skipped where Chromium is missing, except
 * with {@code CI=true}, where that fails.
 */
class BrowserRenderingTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path ARTIFACTS = Path.of("target", "browser");
    private static final long BROWSER_TIMEOUT_S = 60;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireChromium()
    {
        final boolean present = Files.isExecutable(CHROMIUM);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI")))
        {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " is missing (Debian package chromium)");
        }
        Assumptions.assumeTrue(present, CHROMIUM + " missing: install Debian's chromium to run the browser tests");
    }

    @Test
    void shouldRenderALatencyReportWithBothSpectraTheTimeSeriesAndWhatWasRun() throws Exception
    {
        final Path results = resultDirectory("run", 1.0);
        final Path page = dir.resolve("latency.html");
        assertEquals(0, report(results.resolve("latency-monocoque-dealer-64B.hlog").toString(),
            results.resolve("latency-jeromq-dealer-64B.hlog").toString(), "--out", page.toString()));

        final String dom = render(page, "latency-report");
        assertEquals(3, count(dom, "<svg"), "log and linear spectra, latency over time");
        // Two runs: one spectrum line each in both spectra, four statistics each over time.
        assertEquals(2 + 2 + 2 * 4, count(dom, "class=\"series\""));
        assertEquals(2 * 5 * 2, count(dom, "class=\"marker\""), "p50..p99.99 dots per run, in both spectra");
        assertTrue(dom.contains("What was run") && dom.contains("monocoque dealer 64B"), "metadata and names");
        assertTrue(dom.contains("id=\"spectrum-log\""), "the axis switch");
    }

    @Test
    void shouldRenderAComparisonReportWithTheRatioTable() throws Exception
    {
        final Path old = resultDirectory("old", 1.0);
        final Path now = resultDirectory("new", 1.5);
        final Path page = dir.resolve("comparison.html");
        assertEquals(ReportCommand.EXIT_REGRESSION,
            report("--baseline", old.toString(), now.toString(), "--out", page.toString()));

        final String dom = render(page, "comparison-report");
        assertTrue(dom.contains("Against the baseline"), "the ratio table");
        assertTrue(count(dom, "num regression") >= 2, "regressions marked");
        assertEquals(4 * 2 + 4 * 4, count(dom, "class=\"series\""), "four runs: baselines and new ones");
    }

    /** Loads the page in headless Chromium; returns the DOM it built and saves a screenshot. */
    private static String render(final Path page, final String name) throws IOException, InterruptedException
    {
        Files.createDirectories(ARTIFACTS);
        final Path profile = Files.createTempDirectory("chromium-profile");
        final List<String> common = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--window-size=1100,2400");
        final String url = page.toUri().toString();
        final List<String> screenshot = new ArrayList<>(common);
        screenshot.add("--screenshot=" + ARTIFACTS.resolve(name + ".png").toAbsolutePath());
        screenshot.add(url);
        run(screenshot);
        assertTrue(Files.size(ARTIFACTS.resolve(name + ".png")) > 10_000, "a screenshot of the page");
        final List<String> dump = new ArrayList<>(common);
        dump.add("--dump-dom");
        dump.add(url);
        return run(dump);
    }

    private static String run(final List<String> command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(BROWSER_TIMEOUT_S, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, process.exitValue(), "chromium's exit status for " + command);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int count(final String text, final String what)
    {
        final Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (matcher.find())
        {
            n++;
        }
        return n;
    }

    private static int report(final String... args)
    {
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        final PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return ReportCommand.run(args, quiet, quiet);
    }

    private Path resultDirectory(final String name, final double scale) throws IOException
    {
        return TestData.writeResultDirectory(dir, name, scale);
    }
}
