package io.monocoque.api.testing;

import io.monocoque.api.Socket;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting in tests with generous deadlines: a test waits for something that should happen, and fails only if it
 * never does, so none of these is a timing assertion.
 */
public final class Await
{
    /** How long to wait for something that should happen (generous: the machine may be slow). */
    public static final long WAIT_MS = 10_000;

    private static final long POLL_INTERVAL_MS = 2;

    private Await()
    {
    }

    /**
     * Poll a condition until it holds, failing the test after {@link #WAIT_MS}.
     *
     * @param what      what is awaited, for the failure message.
     * @param condition the condition, evaluated on the calling thread.
     */
    public static void await(final String what, final BooleanSupplier condition)
    {
        if (!poll(condition, WAIT_MS))
        {
            fail("timed out after " + WAIT_MS + " ms waiting for: " + what);
        }
    }

    /**
     * Poll a condition for at most {@code timeoutMs}.
     *
     * @param condition the condition, evaluated on the calling thread.
     * @param timeoutMs how long.
     * @return true if it held in time.
     */
    public static boolean poll(final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            sleep(POLL_INTERVAL_MS);
        }
        return true;
    }

    /**
     * Wait until a socket has exactly this many connected peers.
     *
     * @param socket the socket.
     * @param peers  the number of peers.
     */
    public static void awaitPeers(final Socket socket, final int peers)
    {
        await(socket + " to have " + peers + " connected peer(s), has " + socket.connectedPeers(),
            () -> socket.connectedPeers() == peers);
    }

    /**
     * Sleep, turning an interrupt into a failure (the interrupt flag stays set).
     *
     * @param ms how long.
     */
    public static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
