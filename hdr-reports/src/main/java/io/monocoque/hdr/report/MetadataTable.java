package io.monocoque.hdr.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.monocoque.hdr.markup.Xml;
import io.monocoque.hdr.plot.Palette;

/**
 * The report's "what was run" block: for each run, what its {@code summary.json} object says (the command line,
 * implementation and version, idle strategy and why, threads, transport, size, counts, warm-up actually run, open or
 * closed loop and coordinated-omission correction, interval length, JVM, OS, CPUs, date), one column per run. A row
 * whose value is the same for every run is one cell across the columns; a row no run has is left out.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
final class MetadataTable
{
    private record Row(String label, Function<Map<String, Object>, String> value)
    {
    }

    private static final List<Row> ROWS = List.of(
        new Row("command", m -> text(m, "command")),
        new Row("implementation", m -> joined(text(m, "impl"), text(m, "impl_version"), " ")),
        new Row("benchmark", m -> joined(text(m, "benchmark"), text(m, "sockets"), ", ")),
        new Row("transport", m -> joined(text(m, "transport"), text(m, "peer"), ", ")),
        new Row("size", m -> suffixed(text(m, "size"), " B")),
        new Row("measured", m -> joined(text(m, "count"), suffixed(text(m, "rounds"), " rounds"), " in ")),
        new Row("warm-up", m -> joined(text(m, "warmup_run"), suffixed(text(m, "warmup"), " asked"), " run, ")),
        new Row("loop", m -> joined(text(m, "loop"), suffixed(text(m, "rate"), "/s"), " at ")),
        new Row("batches", m -> joined(text(m, "batch"), text(m, "batch_api"), " messages at a time, ")),
        new Row("CO correction", m -> text(m, "co_correction")),
        new Row("idle", m -> joined(text(m, "idle"), text(m, "idle_reason"), ": ")),
        new Row("threads", m -> text(m, "threads")),
        new Row("interval", m -> suffixed(text(m, "interval_ms"), " ms")),
        new Row("JVM", m -> text(m, "vmName")),
        new Row("OS", m -> text(m, "os")),
        new Row("CPUs", m -> text(m, "availableProcessors")),
        new Row("host", m -> text(m, "hostname")),
        new Row("date", m -> text(m, "date")));

    private MetadataTable()
    {
    }

    /**
     * Renders the block, or nothing if no run has a summary.
     *
     * @param runs      the report's run names
     * @param summaries each run's summary object, in the same order; null where a run has none
     * @return the HTML, possibly empty
     */
    static String render(final List<String> runs, final List<Map<String, Object>> summaries)
    {
        if (summaries.stream().allMatch(s -> s == null))
        {
            return "";
        }
        final StringBuilder html = new StringBuilder(4096);
        html.append("<section id=\"run\">\n<h2>What was run</h2>\n<table class=\"meta\">\n<thead><tr><th></th>");
        for (int i = 0; i < runs.size(); i++)
        {
            html.append("<th><span class=\"swatch\" style=\"background:").append(Palette.color(i)).append("\"></span>")
                .append(Xml.escape(runs.get(i))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (final Row row : ROWS)
        {
            final List<String> values = new ArrayList<>(runs.size());
            for (int i = 0; i < runs.size(); i++)
            {
                final Map<String, Object> summary = i < summaries.size() ? summaries.get(i) : null;
                values.add(summary == null ? null : row.value().apply(summary));
            }
            if (values.stream().allMatch(v -> v == null))
            {
                continue;
            }
            html.append("<tr><th>").append(Xml.escape(row.label())).append("</th>");
            if (values.stream().distinct().count() == 1)
            {
                html.append("<td colspan=\"").append(runs.size()).append("\">").append(Xml.escape(values.get(0)))
                    .append("</td>");
            }
            else
            {
                for (final String value : values)
                {
                    html.append("<td>").append(Xml.escape(value == null ? "\u2014" : value)).append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n</section>\n").toString();
    }

    private static String text(final Map<String, Object> summary, final String key)
    {
        final Object value = summary.get(key);
        return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }

    private static String suffixed(final String value, final String suffix)
    {
        return value == null ? null : value + suffix;
    }

    private static String joined(final String first, final String second, final String separator)
    {
        if (first == null)
        {
            return second;
        }
        return second == null ? first : first + separator + second;
    }
}
