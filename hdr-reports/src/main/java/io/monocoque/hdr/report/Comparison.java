package io.monocoque.hdr.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.monocoque.hdr.markup.Numbers;
import io.monocoque.hdr.markup.Xml;
import io.monocoque.hdr.model.LatencyRun;
import io.monocoque.hdr.model.SummaryStats;

/**
 * A new set of runs against a baseline: runs of the same name are paired, and each statistic (p50 to p99.99, max,
 * mean) of the new run is divided by the baseline's. A ratio above {@code 1 + threshold} is a regression (latency
 * grew by more than the threshold); below {@code 1 - threshold} an improvement. The report draws both sets on the
 * same plots and shows this table; {@code monocoque report --baseline} exits with status 1 when it finds a
 * regression, so CI can gate on it.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 */
public final class Comparison
{
    /** Prefix of a baseline run's name in the report. */
    public static final String BASELINE_PREFIX = "baseline: ";

    private static final String[] LABELS = {"p50", "p90", "p99", "p99.9", "p99.99", "max", "mean"};
    private static final List<ToDoubleFunction<SummaryStats>> STATS = List.of(
        SummaryStats::p50, SummaryStats::p90, SummaryStats::p99, SummaryStats::p999, SummaryStats::p9999,
        SummaryStats::max, SummaryStats::mean);

    /**
     * A run and its baseline.
     *
     * @param baseline the old run
     * @param current  the new run
     */
    public record Pair(LatencyRun baseline, LatencyRun current)
    {
    }

    private final List<Pair> pairs;
    private final List<LatencyRun> unpaired;
    private final double threshold;

    private Comparison(final List<Pair> pairs, final List<LatencyRun> unpaired, final double threshold)
    {
        this.pairs = List.copyOf(pairs);
        this.unpaired = List.copyOf(unpaired);
        this.threshold = threshold;
    }

    /**
     * Pairs new runs with baseline runs of the same name (the first baseline run pairs with the first new run when
     * each side has exactly one, whatever their names).
     *
     * @param baseline  the old runs
     * @param current   the new runs
     * @param threshold the allowed growth, as a fraction (0.1 for 10%)
     * @return the comparison
     */
    public static Comparison of(final List<LatencyRun> baseline, final List<LatencyRun> current,
        final double threshold)
    {
        final List<Pair> pairs = new ArrayList<>();
        final List<LatencyRun> unpaired = new ArrayList<>();
        for (final LatencyRun run : current)
        {
            final LatencyRun old = baseline.size() == 1 && current.size() == 1 ? baseline.get(0) :
                baseline.stream().filter(b -> b.name().equals(run.name())).findFirst().orElse(null);
            if (old == null)
            {
                unpaired.add(run);
            }
            else
            {
                pairs.add(new Pair(old, run));
            }
        }
        return new Comparison(pairs, unpaired, threshold);
    }

    /**
     * The paired runs.
     *
     * @return the pairs, in the order of the new runs
     */
    public List<Pair> pairs()
    {
        return pairs;
    }

    /**
     * The runs for the plots: each pair's baseline (renamed with {@link #BASELINE_PREFIX}) before its new run, then
     * the new runs no baseline matched.
     *
     * @return the runs
     */
    public List<LatencyRun> runsToPlot()
    {
        final List<LatencyRun> runs = new ArrayList<>();
        for (final Pair pair : pairs)
        {
            runs.add(pair.baseline().withName(BASELINE_PREFIX + pair.baseline().name()));
            runs.add(pair.current());
        }
        runs.addAll(unpaired);
        return runs;
    }

    /**
     * The regressions, one line each, e.g. {@code monocoque p99: 41.2 -> 50.3 us (1.22x, over +10%)}.
     *
     * @return the lines, empty if none
     */
    public List<String> regressions()
    {
        final List<String> lines = new ArrayList<>();
        for (final Pair pair : pairs)
        {
            for (int s = 0; s < STATS.size(); s++)
            {
                final double old = STATS.get(s).applyAsDouble(pair.baseline().summary());
                final double now = STATS.get(s).applyAsDouble(pair.current().summary());
                if (isRegression(old, now))
                {
                    lines.add(String.format(Locale.ROOT, "%s %s: %s -> %s %s (%.2fx, over +%s%%)",
                        pair.current().name(), LABELS[s], Numbers.value(old), Numbers.value(now),
                        pair.current().unit(), now / old, percent(threshold)));
                }
            }
        }
        return lines;
    }

    /**
     * A fraction as a percentage without trailing zeros: 0.1 as {@code 10}, 0.125 as {@code 12.5}.
     *
     * @param fraction the fraction
     * @return the percentage's text, without the sign
     */
    public static String percent(final double fraction)
    {
        return new java.math.BigDecimal(fraction * 100).round(new java.math.MathContext(6)).stripTrailingZeros()
            .toPlainString();
    }

    private boolean isRegression(final double old, final double now)
    {
        return old > 0 && Double.isFinite(old) && Double.isFinite(now) && now / old > 1 + threshold;
    }

    /**
     * Renders the comparison section: per pair, each statistic's baseline, new value and ratio, regressions and
     * improvements beyond the threshold marked.
     *
     * @return the HTML section
     */
    public String render()
    {
        final StringBuilder html = new StringBuilder(4096);
        html.append("<section id=\"comparison\">\n<h2>Against the baseline</h2>\n")
            .append("<table class=\"summary comparison\">\n<thead><tr><th class=\"stat\">run</th>");
        for (final String label : LABELS)
        {
            html.append("<th>").append(label).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (final Pair pair : pairs)
        {
            html.append("<tr><th class=\"stat\">").append(Xml.escape(pair.current().name())).append("</th>");
            for (final ToDoubleFunction<SummaryStats> stat : STATS)
            {
                final double old = stat.applyAsDouble(pair.baseline().summary());
                final double now = stat.applyAsDouble(pair.current().summary());
                final double ratio = old > 0 ? now / old : Double.NaN;
                final String cls = isRegression(old, now) ? "regression" :
                    ratio < 1 - threshold ? "improvement" : "same";
                html.append("<td class=\"num ").append(cls).append("\">").append(Numbers.value(old))
                    .append(" \u2192 ").append(Numbers.value(now)).append("<br/>")
                    .append(Ratio.format(ratio)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"footnote\">Baseline \u2192 new, ")
            .append(pairs.isEmpty() ? "" : Xml.escape(pairs.get(0).current().unit()))
            .append("; the ratio is new / baseline. Beyond \u00b1").append(percent(threshold))
            .append("%: <span class=\"regression\">regression</span>, <span class=\"improvement\">improvement" +
                "</span>.");
        if (!unpaired.isEmpty())
        {
            html.append(" No baseline run of the same name for: ");
            for (int i = 0; i < unpaired.size(); i++)
            {
                html.append(i > 0 ? ", " : "").append(Xml.escape(unpaired.get(i).name()));
            }
            html.append('.');
        }
        return html.append("</p>\n</section>\n").toString();
    }
}
