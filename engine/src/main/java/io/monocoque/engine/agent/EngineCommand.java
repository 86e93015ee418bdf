package io.monocoque.engine.agent;

import java.util.function.Function;

/**
 * A control operation (add a socket, bind, connect, close...) that an application thread asks the engine agent to
 * run on its own thread, since the agent owns every channel. The application waits for completion through
 * {@link io.monocoque.engine.Engine#execute}; control operations allocate, the data path never goes through here.
 *
 * @param <T> the result type.
 */
public abstract class EngineCommand<T>
{
    /**
     * A command that applies a function to the agent.
     *
     * @param operation what to run on the agent thread.
     * @param <T>       the result type.
     * @return the command, to hand to {@link io.monocoque.engine.Engine#execute}.
     */
    public static <T> EngineCommand<T> of(final Function<EngineAgent, T> operation)
    {
        return new EngineCommand<>()
        {
            @Override
            protected T run(final EngineAgent agent)
            {
                return operation.apply(agent);
            }
        };
    }

    private volatile boolean done;
    private T result;
    private RuntimeException failure;

    /**
     * Run the operation. Agent thread.
     *
     * @param agent the agent.
     * @return the result.
     */
    protected abstract T run(EngineAgent agent);

    final void execute(final EngineAgent agent)
    {
        try
        {
            result = run(agent);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        done = true;
    }

    /**
     * Whether the agent has run the command.
     *
     * @return true once done.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * The result, rethrowing what the command threw. Call after {@link #isDone()}.
     *
     * @return the result.
     */
    public T join()
    {
        if (failure != null)
        {
            // Rethrow a copy-free exception of the same type, so the caller sees e.g. EndpointInUseException.
            failure.addSuppressed(new RuntimeException("raised on the engine agent thread"));
            throw failure;
        }
        return result;
    }
}
