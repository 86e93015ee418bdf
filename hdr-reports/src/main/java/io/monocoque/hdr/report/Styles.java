package io.monocoque.hdr.report;

import io.monocoque.hdr.plot.Palette;

/**
 * The report's inline style sheet. It contains no {@code <} or {@code &}, so it needs no escaping or CDATA inside
 * the XHTML page.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
final class Styles
{
    private static final String BASE = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 24px auto;
               max-width: 1020px; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 24px; margin: 0 0 8px 0; }
        h2 { font-size: 18px; margin: 28px 0 8px 0; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        dl.notes { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0;
                   font-size: 14px; }
        dl.notes dt { font-weight: bold; color: #555; }
        dl.notes dd { margin: 0; word-break: break-word; }
        svg { max-width: 100%; height: auto; display: block; }
        table.summary { border-collapse: collapse; font-size: 14px; }
        table.summary th, table.summary td { padding: 4px 10px; border-bottom: 1px solid #e5e5e5; }
        table.summary thead th { background: #f4f4f4; }
        table.summary th.stat { text-align: left; }
        table.summary th.unit, table.summary th.ratio { font-weight: normal; color: #666; font-size: 12px; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.ratio { color: #666; font-size: 13px; }
        td.worse { color: #b00020; }
        td.better { color: #00796b; }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px;
                  border-radius: 2px; }
        p.footnote, p.empty { color: #666; font-size: 13px; }
        div.views input { margin-left: 12px; }
        div.views label { font-size: 14px; margin-right: 8px; }
        div.views div.view { display: none; }
        #spectrum-log:checked ~ div.view-log, #spectrum-linear:checked ~ div.view-linear { display: block; }
        table.meta { border-collapse: collapse; font-size: 13px; }
        table.meta th, table.meta td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left;
                                       vertical-align: top; word-break: break-word; }
        table.meta tbody th { color: #555; white-space: nowrap; }
        .regression { color: #b00020; font-weight: bold; }
        .improvement { color: #00796b; font-weight: bold; }
        table.comparison td { font-size: 13px; }
        table.legend { border-collapse: collapse; font-size: 14px; margin-top: 8px; }
        table.legend td { padding: 2px 10px 2px 0; word-break: break-word; }
        """;

    private Styles()
    {
    }

    static String css()
    {
        final StringBuilder css = new StringBuilder(BASE);
        for (int i = 0; i < 8; i++)
        {
            css.append(".swatch.c").append(i).append(" { background: ").append(Palette.color(i)).append("; }\n");
        }
        return css.toString();
    }
}
