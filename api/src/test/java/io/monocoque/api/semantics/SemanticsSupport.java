package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;

import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestMessages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers shared by the socket semantics tests: sockets with the tests' timeouts, what "nothing arrives" means
 * here, and hand-made ZMTP bytes for raw TCP clients. Waiting, receiving and ports are {@link Await},
 * {@link TestMessages} and {@code Loopback}.
 */
final class SemanticsSupport
{
    /** Receive timeout of sockets in these tests. */
    static final long RECV_TIMEOUT_MS = 5_000;
    /** How long to wait to be reasonably sure something does NOT arrive. */
    static final long QUIET_MS = 250;
    /** A small reconnect interval to keep reconnect tests fast. */
    static final long FAST_RECONNECT_MS = 20;

    private SemanticsSupport()
    {
    }

    /** A list safe to fill from the engine thread and read from the test thread. */
    static List<String> newEventList()
    {
        return new CopyOnWriteArrayList<>();
    }

    /** Create a socket with the tests' receive timeout. */
    static Socket socket(final Context context, final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.rcvTimeoutMs(RECV_TIMEOUT_MS);
        socket.lingerMs(0);
        return socket;
    }

    /** Check that nothing arrives for {@link #QUIET_MS}; restores the receive timeout. */
    static void assertNothingReceived(final Socket socket)
    {
        TestMessages.assertNothingReceived(socket, QUIET_MS);
    }

    static void assertFramesEqual(final byte[][] expected, final byte[][] actual)
    {
        assertEquals(expected.length, actual.length, "frame count");
        for (int i = 0; i < expected.length; i++)
        {
            assertArrayEquals(expected[i], actual[i], "frame " + i);
        }
    }

    static boolean anyEventContains(final List<String> events, final String fragment)
    {
        for (final String event : events)
        {
            if (event.contains(fragment))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Read from a raw client until the peer closes the connection (EOF or reset).
     *
     * @return everything read before the close.
     */
    static byte[] readUntilClosed(final java.net.Socket client)
    {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        try
        {
            client.setSoTimeout((int)Await.WAIT_MS);
            final InputStream in = client.getInputStream();
            final byte[] chunk = new byte[4096];
            while (true)
            {
                final int read = in.read(chunk);
                if (read < 0)
                {
                    return received.toByteArray();
                }
                received.write(chunk, 0, read);
            }
        }
        catch (final SocketTimeoutException ex)
        {
            fail("the peer did not close the connection within " + Await.WAIT_MS + " ms (read " + received.size() +
                " bytes)");
            return null;
        }
        catch (final SocketException ex)
        {
            return received.toByteArray(); // reset by the peer: closed too
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
