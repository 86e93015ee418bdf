package io.monocoque.api.testing;

import io.monocoque.api.Socket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Messages in tests: UTF-8 text frames, and receiving with the socket's receive timeout as the deadline.
 */
public final class TestMessages
{
    private TestMessages()
    {
    }

    /**
     * A text as a UTF-8 frame.
     *
     * @param text the text.
     * @return its bytes.
     */
    public static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A UTF-8 frame as text.
     *
     * @param bytes the frame.
     * @return the text.
     */
    public static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The frames of a message as texts.
     *
     * @param frames the frames.
     * @return one text per frame.
     */
    public static List<String> texts(final byte[][] frames)
    {
        final List<String> result = new ArrayList<>();
        for (final byte[] frame : frames)
        {
            result.add(text(frame));
        }
        return result;
    }

    /**
     * Receive one message within the socket's receive timeout, failing the test if none arrives.
     *
     * @param socket the socket.
     * @return the frames.
     */
    public static byte[][] recv(final Socket socket)
    {
        final byte[][] frames = socket.recvMultipart();
        assertNotNull(frames, socket + ": no message within " + socket.rcvTimeoutMs() + " ms");
        return frames;
    }

    /**
     * Receive one message ({@link #recv(Socket)}) as texts.
     *
     * @param socket the socket.
     * @return one text per frame.
     */
    public static List<String> recvTexts(final Socket socket)
    {
        return texts(recv(socket));
    }

    /**
     * Receive one single-frame message ({@link #recv(Socket)}) as text, failing the test if it has more frames.
     *
     * @param socket the socket.
     * @return the text.
     */
    public static String recvText(final Socket socket)
    {
        final List<String> frames = recvTexts(socket);
        assertEquals(1, frames.size(), "frames of " + frames);
        return frames.get(0);
    }

    /**
     * Receive one message ({@link #recv(Socket)}) and check all its frames.
     *
     * @param socket   the socket.
     * @param expected the frames as texts.
     */
    public static void assertReceives(final Socket socket, final String... expected)
    {
        assertEquals(Arrays.asList(expected), recvTexts(socket), socket + " received the wrong message");
    }

    /**
     * Check that nothing arrives for a while; the socket's receive timeout is restored afterwards.
     *
     * @param socket  the socket.
     * @param quietMs how long to listen: long enough to be reasonably sure, as a suite decides.
     */
    public static void assertNothingReceived(final Socket socket, final long quietMs)
    {
        final long timeout = socket.rcvTimeoutMs();
        socket.rcvTimeoutMs(quietMs);
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
}
