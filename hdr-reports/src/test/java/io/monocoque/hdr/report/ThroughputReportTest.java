package io.monocoque.hdr.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.monocoque.hdr.TestData;
import io.monocoque.hdr.plot.BarPlot;
import io.monocoque.hdr.plot.LinearMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ThroughputReportTest
{
    private static final String SVG = "http://www.w3.org/2000/svg";

    @Test
    void shouldDrawOneBarPerImplementationWhoseHeightReadsBackAsItsRate()
    {
        final List<ThroughputReport.Result> results = List.of(
            new ThroughputReport.Result("monocoque push 64B", 12_000_000, 768, List.of(11e6, 12e6, 13e6)),
            new ThroughputReport.Result("jeromq push 64B", 2_000_000, 128, List.of(2e6, 2e6, 2e6)));
        final String page = new ThroughputReport("T & <T>").note("command", "monocoque bench throughput")
            .render(results);
        final Document document = TestData.parseXml(page);

        assertFalse(page.contains("<script"));
        final NodeList rects = document.getElementsByTagNameNS(SVG, "rect");
        final List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++)
        {
            final Element rect = (Element)rects.item(i);
            if ("bar".equals(rect.getAttribute("class")))
            {
                bars.add(rect);
            }
        }
        assertEquals(4, bars.size(), "msgs/s and MB/s, two implementations each");
        final LinearMap millions = new BarPlot().yMap(List.of(12.0, 2.0));
        for (int i = 0; i < 2; i++)
        {
            final Element bar = bars.get(i);
            final double top = Double.parseDouble(bar.getAttribute("y"));
            assertEquals(results.get(i).messagesPerSecond() / 1e6, millions.fromPixel(top), 0.01);
        }
        assertTrue(page.contains("0.17\u00D7"), "the ratio to the first");
        assertTrue(page.contains("11,000,000, 12,000,000, 13,000,000"), "the rounds");
    }
}
