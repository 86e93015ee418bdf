package io.monocoque.cli.bench;

import io.monocoque.cli.options.ChoiceConverter;

/**
 * {@code bench latency --threading invoker|dedicated}: how Monocoque runs its engines. Any thread.
 */
public final class ThreadingConverter extends ChoiceConverter<ThreadingConverter.Threading>
{
    /** Monocoque's threading modes, by their command-line names. */
    public enum Threading
    {
        /** The application thread drives the engine. */
        INVOKER,
        /** The engine has a thread of its own. */
        DEDICATED
    }

    /** INVOKER or DEDICATED. */
    public ThreadingConverter()
    {
        super("value", new String[]{"invoker", "dedicated"}, new Threading[]{Threading.INVOKER, Threading.DEDICATED});
    }
}
