package io.monocoque.cli.bench;

import io.monocoque.cli.options.ChoiceConverter;
import io.monocoque.perf.latency.Pattern;

/**
 * {@code bench latency --pattern dealer|req}. Any thread.
 */
public final class LatencyPatternConverter extends ChoiceConverter<Pattern>
{
    /** DEALER to a ROUTER echo, REQ to a REP echo. */
    public LatencyPatternConverter()
    {
        super("value", new String[]{"dealer", "req"}, new Pattern[]{Pattern.DEALER, Pattern.REQ});
    }
}
