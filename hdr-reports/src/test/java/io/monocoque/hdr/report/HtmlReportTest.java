package io.monocoque.hdr.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.monocoque.hdr.HdrReports;
import io.monocoque.hdr.TestData;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.ValueUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest
{
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    @TempDir
    Path dir;

    @Test
    void wholePageIsWellFormedXhtmlWithBothPlotsInline() throws Exception
    {
        final Path hlog = TestData.writeHlog(dir.resolve("logged.hlog"), 1_700_000_000_000L,
            TestData.intervals(31, 20, 2_000, 5));
        final List<LatencyRun> runs = List.of(HdrReports.read(hlog), doubled("fast", 32).get(0));
        final String page = new HtmlReport("A <title> & more").note("machine", "2 cores & \"fast\" <disk>")
            .note("command", "monocoque bench latency --size 64").render(runs);

        final Document document = TestData.parseXml(page);
        assertEquals(XHTML, document.getDocumentElement().getNamespaceURI());
        assertEquals("html", document.getDocumentElement().getLocalName());
        // The spectrum twice (log and linear value axes, one shown at a time) and the latency over time.
        assertEquals(3, document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength());
        assertEquals("A <title> & more", document.getElementsByTagNameNS(XHTML, "h1").item(0).getTextContent());
        assertTrue(page.contains("2 cores &amp; &quot;fast&quot; &lt;disk&gt;"));
        assertTrue(page.startsWith("<!DOCTYPE html>\n"));
    }

    @Test
    void shouldShowTheLogSpectrumFirstForDataSpanningDecadesAndListLongNamesInFull()
    {
        final Histogram wide = new Histogram(TestData.HIGHEST, 3);
        for (int i = 0; i < 10_000; i++)
        {
            wide.recordValue(i < 9_990 ? 10_000 + i : 9_000_000L);
        }
        final String longName = "latency-monocoque-dealer-router-tcp-64B-busy-spin";
        final String page = new HtmlReport(null).render(List.of(
            LatencyRun.fromHistogram(longName, wide, ValueUnit.NANOSECONDS)));
        final Document document = TestData.parseXml(page);

        final Element log = byId(document, "spectrum-log");
        final Element linear = byId(document, "spectrum-linear");
        assertEquals("checked", log.getAttribute("checked"), "the log axis is the one shown first");
        assertFalse(linear.hasAttribute("checked"));
        final NodeList legendCells = document.getElementsByTagNameNS(XHTML, "td");
        boolean listed = false;
        for (int i = 0; i < legendCells.getLength(); i++)
        {
            listed |= longName.equals(legendCells.item(i).getTextContent());
        }
        assertTrue(listed, "the long name is in the legend table in full");

        final Histogram narrowValues = new Histogram(TestData.HIGHEST, 3);
        for (int i = 0; i < 10_000; i++)
        {
            narrowValues.recordValue(10_000 + i);
        }
        final String narrowPage = new HtmlReport(null).render(List.of(
            LatencyRun.fromHistogram("a", narrowValues, ValueUnit.NANOSECONDS)));
        final Document narrow = TestData.parseXml(narrowPage);
        assertEquals("checked", byId(narrow, "spectrum-linear").getAttribute("checked"));
        assertFalse(narrowPage.contains("class=\"legend\""), "short names need no table");
    }

    private static Element byId(final Document document, final String id)
    {
        final NodeList inputs = document.getElementsByTagNameNS(XHTML, "input");
        for (int i = 0; i < inputs.getLength(); i++)
        {
            final Element input = (Element)inputs.item(i);
            if (id.equals(input.getAttribute("id")))
            {
                return input;
            }
        }
        throw new AssertionError("no input " + id);
    }

    @Test
    void shouldDescribeWhatWasRunFromTheSummaryBesideTheLogs() throws Exception
    {
        final Path first = TestData.writeHlog(dir.resolve("latency-monocoque-dealer-64B.hlog"), 1_700_000_000_000L,
            TestData.intervals(41, 5, 500, 2));
        final Path second = TestData.writeHlog(dir.resolve("latency-jeromq-dealer-64B.hlog"), 1_700_000_000_000L,
            TestData.intervals(42, 5, 500, 2));
        Files.writeString(dir.resolve("summary.json"), "[\n" +
            "{\"benchmark\": \"latency\", \"command\": \"monocoque bench latency --impl monocoque,jeromq\", " +
            "\"impl\": \"monocoque\", \"impl_version\": \"0.1.0\", \"idle\": \"selector\", " +
            "\"availableProcessors\": 2, \"files\": {\"hlog\": \"latency-monocoque-dealer-64B.hlog\"}},\n" +
            "{\"benchmark\": \"latency\", \"command\": \"monocoque bench latency --impl monocoque,jeromq\", " +
            "\"impl\": \"jeromq\", \"impl_version\": \"0.6.0\", \"idle\": \"backoff\", " +
            "\"availableProcessors\": 2, \"files\": {\"hlog\": \"latency-jeromq-dealer-64B.hlog\"}}\n]\n");
        final Path page = dir.resolve("out/report.html");

        HdrReports.writeHtml(List.of(first, second), io.monocoque.hdr.ReadOptions.DEFAULTS, page, null);

        final Document document = TestData.parseXml(Files.readString(page, StandardCharsets.UTF_8));
        final List<String> rows = new ArrayList<>();
        final NodeList trs = document.getElementsByTagNameNS(XHTML, "tr");
        for (int i = 0; i < trs.getLength(); i++)
        {
            rows.add(trs.item(i).getTextContent());
        }
        assertTrue(rows.contains("commandmonocoque bench latency --impl monocoque,jeromq"), rows.toString());
        assertTrue(rows.contains("implementationmonocoque 0.1.0jeromq 0.6.0"), rows.toString());
        assertTrue(rows.contains("idleselectorbackoff"), rows.toString());
        assertTrue(rows.contains("CPUs2"), "one cell where the runs agree: " + rows);

        Files.createDirectories(dir.resolve("other"));
        final Path alone = TestData.writeHlog(dir.resolve("other/x.hlog"), 1_700_000_000_000L,
            TestData.intervals(43, 3, 100, 1));
        HdrReports.writeHtml(List.of(alone), io.monocoque.hdr.ReadOptions.DEFAULTS, page, null);
        assertFalse(Files.readString(page, StandardCharsets.UTF_8).contains("What was run"), "no summary, no block");
    }

    @Test
    void pageIsSelfContained()
    {
        final String page = new HtmlReport(null).render(doubled("a", 33));
        assertFalse(page.contains("<script"), "no JavaScript");
        final String withoutNamespaces = page.replace("http://www.w3.org/1999/xhtml", "")
            .replace("http://www.w3.org/2000/svg", "");
        assertFalse(withoutNamespaces.contains("http:") || withoutNamespaces.contains("https:") ||
            withoutNamespaces.contains("src=") || withoutNamespaces.contains("<link") ||
            withoutNamespaces.contains("url("), "no external resource");
        assertTrue(page.contains("<title>Latency report</title>"));
        assertTrue(page.contains("No interval log (.hlog) among the inputs"));
    }

    @Test
    void tableShowsRunsSideBySideWithRatiosToTheFirst()
    {
        final List<LatencyRun> runs = doubled("base", 34);
        final Document document = TestData.parseXml(new HtmlReport("t").render(runs));
        final List<List<String>> rows = tableRows(document);

        assertEquals(List.of("base", "base x2"), headerRuns(document));
        final List<String> p99 = rows.stream().filter(r -> r.get(0).equals("p99")).findFirst().orElseThrow();
        assertEquals(5, p99.size(), p99.toString());
        assertEquals("1.00\u00D7", p99.get(2));
        assertEquals("2.00\u00D7", p99.get(4));
        final List<String> labels = rows.stream().map(r -> r.get(0)).toList();
        assertEquals(List.of("p50", "p90", "p99", "p99.9", "p99.99", "max", "mean", "count"), labels);
        final List<String> count = rows.get(rows.size() - 1);
        assertEquals("100,000", count.get(1));
        assertTrue(Double.parseDouble(p99.get(1).replace(",", "")) > 0);
    }

    @Test
    void ratiosFormatAndClassify()
    {
        assertEquals("2.31\u00D7", Ratio.format(Ratio.of(231, 100)));
        assertEquals("\u2014", Ratio.format(Ratio.of(1, 0)));
        assertEquals("worse", Ratio.cssClass(1.2));
        assertEquals("better", Ratio.cssClass(0.5));
        assertEquals("same", Ratio.cssClass(1.01));
    }

    @Test
    void writeCreatesParentDirectories() throws Exception
    {
        final Path out = dir.resolve("a/b/report.html");
        HdrReports.writeHtml(doubled("x", 35), out, "T");
        TestData.parseXml(Files.readString(out, StandardCharsets.UTF_8));
    }

    /** A run and a copy of it with every value doubled. */
    private static List<LatencyRun> doubled(final String name, final long seed)
    {
        final Histogram base = TestData.latencies(seed, 100_000, 20_000, 1);
        final Histogram twice = new Histogram(TestData.HIGHEST, 3);
        for (final HistogramIterationValue v : base.recordedValues())
        {
            twice.recordValueWithCount(2 * v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
        }
        return List.of(LatencyRun.fromHistogram(name, base, ValueUnit.NANOSECONDS),
            LatencyRun.fromHistogram(name + " x2", twice, ValueUnit.NANOSECONDS));
    }

    private static List<String> headerRuns(final Document document)
    {
        final List<String> names = new ArrayList<>();
        final NodeList headers = document.getElementsByTagNameNS(XHTML, "th");
        for (int i = 0; i < headers.getLength(); i++)
        {
            final Element th = (Element)headers.item(i);
            if (th.getAttribute("class").equals("run"))
            {
                names.add(th.getTextContent());
            }
        }
        return names;
    }

    private static List<List<String>> tableRows(final Document document)
    {
        final Element tbody = (Element)document.getElementsByTagNameNS(XHTML, "tbody").item(0);
        final NodeList trs = tbody.getElementsByTagNameNS(XHTML, "tr");
        final List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < trs.getLength(); i++)
        {
            final List<String> cells = new ArrayList<>();
            final NodeList children = trs.item(i).getChildNodes();
            for (int c = 0; c < children.getLength(); c++)
            {
                if (children.item(c) instanceof Element cell)
                {
                    cells.add(cell.getTextContent());
                }
            }
            rows.add(cells);
        }
        return rows;
    }
}
