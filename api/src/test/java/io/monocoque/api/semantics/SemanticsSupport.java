package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers shared by the socket semantics tests: waiting with generous deadlines (never timing assertions),
 * receiving with a timeout, reserving a free port, and hand-made ZMTP bytes for raw TCP clients.
 */
final class SemanticsSupport
{
    /** How long to wait for something that should happen (generous: the machine may be slow). */
    static final long WAIT_MS = 10_000;
    /** Receive timeout of sockets in these tests. */
    static final long RECV_TIMEOUT_MS = 5_000;
    /** How long to wait to be reasonably sure something does NOT arrive. */
    static final long QUIET_MS = 250;
    /** A small reconnect interval to keep reconnect tests fast. */
    static final long FAST_RECONNECT_MS = 20;

    private SemanticsSupport()
    {
    }

    /** A context whose engine reports connection events (close reasons) into {@code events}. */
    static Context contextRecording(final List<String> events)
    {
        return Context.builder().errorHandler(throwable -> events.add(String.valueOf(throwable.getMessage()))).build();
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

    static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out after " + WAIT_MS + " ms waiting for: " + what);
            }
            sleep(2);
        }
    }

    static void awaitPeers(final Socket socket, final int peers)
    {
        await(socket + " to have " + peers + " connected peer(s), has " + socket.connectedPeers(),
            () -> socket.connectedPeers() == peers);
    }

    static void sleep(final long ms)
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

    /**
     * A TCP port on 127.0.0.1 that nothing listens on right now (bound by a ServerSocket, then released).
     */
    static int reservePort()
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return server.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot reserve a port", ex);
        }
    }

    static String endpoint(final int port)
    {
        return "tcp://127.0.0.1:" + port;
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static List<String> texts(final byte[][] frames)
    {
        final List<String> result = new ArrayList<>();
        for (final byte[] frame : frames)
        {
            result.add(text(frame));
        }
        return result;
    }

    /** Receive one message (within the socket's receive timeout), failing if none arrives. */
    static byte[][] recv(final Socket socket)
    {
        final byte[][] frames = socket.recvMultipart();
        assertNotNull(frames, socket + ": no message within " + socket.rcvTimeoutMs() + " ms");
        return frames;
    }

    /** Receive one message and return its frames as text. */
    static List<String> recvTexts(final Socket socket)
    {
        return texts(recv(socket));
    }

    /** Receive one message and check all its frames. */
    static void assertReceives(final Socket socket, final String... expected)
    {
        assertEquals(Arrays.asList(expected), recvTexts(socket), socket + " received the wrong message");
    }

    /** Check that nothing arrives for a short while; restores the receive timeout. */
    static void assertNothingReceived(final Socket socket)
    {
        final long timeout = socket.rcvTimeoutMs();
        socket.rcvTimeoutMs(QUIET_MS);
        try
        {
            final byte[][] frames = socket.recvMultipart();
            assertNull(frames, () -> socket + " received an unexpected message " + texts(frames));
        }
        finally
        {
            socket.rcvTimeoutMs(timeout);
        }
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

    // ------------------------------------------------------------------ raw ZMTP bytes for hand-made peers

    /** A ZMTP 3.1 greeting proposing the NULL mechanism, as-server 0. */
    static byte[] zmtp31Greeting()
    {
        final byte[] greeting = new byte[64];
        greeting[0] = (byte)0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        final byte[] mechanism = bytes("NULL");
        System.arraycopy(mechanism, 0, greeting, 12, mechanism.length);
        return greeting;
    }

    /** A ZMTP 2.0 (RFC 15) greeting of a DEALER with an empty identity: signature, revision 1, type, identity. */
    static byte[] zmtp20Greeting()
    {
        return new byte[]{(byte)0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 0x01, 0x05, 0x00, 0x00};
    }

    /** A READY command (short command frame) with a Socket-Type property. */
    static byte[] readyCommand(final String socketType)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes(bytes("READY"));
        final byte[] name = bytes("Socket-Type");
        body.write(name.length);
        body.writeBytes(name);
        final byte[] value = bytes(socketType);
        body.write(0);
        body.write(0);
        body.write(0);
        body.write(value.length);
        body.writeBytes(value);
        final byte[] payload = body.toByteArray();
        final byte[] frame = new byte[2 + payload.length];
        frame[0] = 0x04; // command, short
        frame[1] = (byte)payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
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
            client.setSoTimeout((int)WAIT_MS);
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
            fail("the peer did not close the connection within " + WAIT_MS + " ms (read " + received.size() +
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
