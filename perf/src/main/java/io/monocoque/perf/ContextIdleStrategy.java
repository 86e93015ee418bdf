package io.monocoque.perf;

import io.monocoque.api.Context;
import org.agrona.concurrent.IdleStrategy;

/**
 * An INVOKER-mode loop's idle strategy that idles as its context's strategy says ({@link Context#idle(int)}), so
 * that with the kernel-sleeping strategy the loop sleeps in the engine's selector and wakes when bytes arrive. Owned
 * by the thread that drives the context.
 */
public final class ContextIdleStrategy implements IdleStrategy
{
    private final Context context;

    /**
     * @param context the INVOKER-mode context the loop drives.
     */
    public ContextIdleStrategy(final Context context)
    {
        this.context = context;
    }

    @Override
    public void idle(final int workCount)
    {
        context.idle(workCount);
    }

    @Override
    public void idle()
    {
        context.idle(0);
    }

    @Override
    public void reset()
    {
        context.idle(1); // work done: the context's strategy starts over from its spinning phase
    }

    @Override
    public String alias()
    {
        return "context";
    }
}
