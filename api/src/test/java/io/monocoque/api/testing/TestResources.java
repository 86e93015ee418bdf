package io.monocoque.api.testing;

import io.monocoque.api.Context;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePreDestroyCallback;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A JUnit 5 extension that owns what one test opens (contexts, peer processes, other libraries' contexts) and
 * closes it when the test is over, so that no suite writes its own set-up and tear-down for them. Register it on
 * an instance field and create the test's contexts in field initializers:
 * <pre>{@code
 * @RegisterExtension
 * final TestResources resources = new TestResources();
 * private final Context context = resources.context();
 * }</pre>
 * JUnit makes a new test instance for every test method (the default lifecycle), so every test gets fresh
 * contexts. They are closed after the test's {@code @AfterEach} methods, last created first (like
 * try-with-resources), whether the test passed, failed or was skipped: closing happens when JUnit destroys the
 * test instance, which it also creates for a disabled test, whereas after-each callbacks do not run for one. A
 * failure to close fails the test; the remaining resources are still closed.
 * <p>
 * Closing a context closes its sockets, so sockets need no tracking. With the per-class lifecycle everything would
 * stay open until the class is done; use it only with the default lifecycle. Not thread-safe: the test thread
 * creates and JUnit closes, one after the other.
 */
public final class TestResources implements TestInstancePreDestroyCallback
{
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /**
     * A new context with default settings, closed after the test.
     *
     * @return the context.
     */
    public Context context()
    {
        return closeAfterTest(Context.create());
    }

    /**
     * A new context built from a builder, closed after the test.
     *
     * @param builder the settings, e.g. {@code Context.builder().threadingMode(ThreadingMode.INVOKER)}.
     * @return the context.
     */
    public Context context(final Context.Builder builder)
    {
        return closeAfterTest(builder.build());
    }

    /**
     * A new context whose engine reports connection events (close reasons, protocol errors) into {@code errors}
     * as their messages, closed after the test.
     *
     * @param errors where the engine thread adds messages; must be safe to fill from another thread (e.g. a
     *               {@link java.util.concurrent.CopyOnWriteArrayList}).
     * @return the context.
     */
    public Context contextRecordingErrors(final List<String> errors)
    {
        return context(Context.builder().errorHandler(throwable -> errors.add(String.valueOf(throwable.getMessage()))));
    }

    /**
     * Close a resource after the test, before the ones registered earlier.
     *
     * @param resource anything closeable: a peer process, a JeroMQ {@code ZContext}...; closing it twice must be
     *                 harmless, as a test may close it itself first.
     * @param <T>      its type.
     * @return {@code resource}, so that creation and registration are one expression.
     */
    public <T extends AutoCloseable> T closeAfterTest(final T resource)
    {
        open.push(resource);
        return resource;
    }

    @Override
    public void preDestroyTestInstance(final ExtensionContext context) throws Exception
    {
        Exception failure = null;
        while (!open.isEmpty())
        {
            try
            {
                open.pop().close();
            }
            catch (final Exception ex)
            {
                if (failure == null)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
