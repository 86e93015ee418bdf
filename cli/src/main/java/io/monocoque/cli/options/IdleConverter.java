package io.monocoque.cli.options;

import io.monocoque.perf.Idle;

/**
 * {@code --idle busy|yield|backoff} (and {@code --thr-idle}): how a waiting thread waits. Any thread.
 */
public final class IdleConverter extends ChoiceConverter<Idle>
{
    /** The three strategies, in the order the help names them. */
    public IdleConverter()
    {
        super("value", new String[]{"busy", "yield", "backoff"}, new Idle[]{Idle.BUSY, Idle.YIELD, Idle.BACKOFF});
    }
}
