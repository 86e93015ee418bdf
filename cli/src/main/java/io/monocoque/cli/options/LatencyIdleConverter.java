package io.monocoque.cli.options;

import io.monocoque.perf.Idle;

/**
 * {@code --idle auto|selector|busy|yield|backoff} for {@code bench latency}, {@code bench throughput} and
 * {@code echo}: {@code auto} (the default) chooses for the machine (busy only with a CPU per spinning thread and one
 * to spare, otherwise selector). Any thread.
 */
public final class LatencyIdleConverter extends ChoiceConverter<Idle>
{
    /** The five choices, in the order the help names them. */
    public LatencyIdleConverter()
    {
        super("value", new String[]{"auto", "selector", "busy", "yield", "backoff"},
            new Idle[]{Idle.AUTO, Idle.SELECTOR, Idle.BUSY, Idle.YIELD, Idle.BACKOFF});
    }
}
