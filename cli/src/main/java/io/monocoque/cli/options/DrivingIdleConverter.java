package io.monocoque.cli.options;

import io.monocoque.perf.Idle;

/**
 * {@code --idle busy|yield|backoff|selector} for the tools whose one thread drives its engine (INVOKER mode:
 * {@code echo}, {@code bench anchor}), where {@code selector} sleeps in the engine's selector until I/O arrives. The
 * benchmark loops that poll a dedicated engine take {@link IdleConverter}'s three. Any thread.
 */
public final class DrivingIdleConverter extends ChoiceConverter<Idle>
{
    /** The four strategies, in the order the help names them. */
    public DrivingIdleConverter()
    {
        super("value", new String[]{"busy", "yield", "backoff", "selector"},
            new Idle[]{Idle.BUSY, Idle.YIELD, Idle.BACKOFF, Idle.SELECTOR});
    }
}
