package io.monocoque.cli.bench;

import io.monocoque.cli.options.ChoiceConverter;
import io.monocoque.perf.throughput.ThroughputConfig;

/**
 * {@code bench throughput --pattern push|dealer|pub}. Any thread.
 */
public final class ThroughputPatternConverter extends ChoiceConverter<ThroughputConfig.Pattern>
{
    /** PUSH to PULL, DEALER to ROUTER, PUB to SUBs. */
    public ThroughputPatternConverter()
    {
        super("value", new String[]{"push", "dealer", "pub"}, new ThroughputConfig.Pattern[]{
            ThroughputConfig.Pattern.PUSH, ThroughputConfig.Pattern.DEALER, ThroughputConfig.Pattern.PUB});
    }
}
