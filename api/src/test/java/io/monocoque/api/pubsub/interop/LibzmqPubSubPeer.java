package io.monocoque.api.pubsub.interop;

import io.monocoque.api.interop.libzmq.FrameSpec;
import io.monocoque.api.interop.libzmq.PythonPeerProcess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A libzmq PUB/SUB/XPUB/XSUB peer: {@code interop/pubsub_peer.py} as a {@link PythonPeerProcess}, driven one
 * command line at a time (protocol at the top of the script). Text frames travel as ISO-8859-1, so any byte
 * round-trips. Close it (try-with-resources, {@code @AfterEach} or a test's resources): that kills the process; it
 * also exits by itself when its stdin closes.
 */
final class LibzmqPubSubPeer implements AutoCloseable
{
    private static final String SCRIPT = "interop/pubsub_peer.py";
    private static final long RECV_TEXT_TIMEOUT_MS = 5_000;

    private final PythonPeerProcess process;
    private final String endpoint;

    private LibzmqPubSubPeer(final PythonPeerProcess process, final String endpoint)
    {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Start a peer and wait for its READY line; a peer that never gets ready is killed.
     *
     * @param args e.g. {@code --type SUB --connect tcp://127.0.0.1:5555}.
     * @return the peer.
     */
    static LibzmqPubSubPeer start(final String... args)
    {
        final PythonPeerProcess process = PythonPeerProcess.start(SCRIPT, List.of(args));
        return new LibzmqPubSubPeer(process, process.awaitReady(""));
    }

    /**
     * The endpoint from READY (the bound one with its real port, or the one connected to).
     *
     * @return the endpoint.
     */
    String endpoint()
    {
        return endpoint;
    }

    /** ZMQ_SUBSCRIBE on the peer (a SUB). */
    void subscribe(final String prefix)
    {
        expectOk("SUB " + FrameSpec.hex(latin1(prefix)));
    }

    /** ZMQ_UNSUBSCRIBE on the peer (a SUB). */
    void unsubscribe(final String prefix)
    {
        expectOk("UNSUB " + FrameSpec.hex(latin1(prefix)));
    }

    /** Send a message of text frames. */
    void send(final String... frames)
    {
        final byte[][] bytes = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++)
        {
            bytes[i] = latin1(frames[i]);
        }
        expectOk("SEND " + FrameSpec.of(bytes));
    }

    /** Send a one-frame message of raw bytes (e.g. an XSUB subscription 0x01 + prefix). */
    void sendBytes(final byte[] frame)
    {
        expectOk("SEND " + FrameSpec.hex(frame));
    }

    /**
     * Receive one message.
     *
     * @param timeoutMs how long the peer waits.
     * @return its frames as text, or null on timeout.
     */
    List<String> recv(final long timeoutMs)
    {
        final String answer = process.ask("RECV " + timeoutMs);
        if ("TIMEOUT".equals(answer))
        {
            return null;
        }
        if (!answer.startsWith("MSG "))
        {
            return fail("unexpected answer to RECV: " + answer + process.describe());
        }
        final List<String> frames = new ArrayList<>();
        for (final byte[] frame : FrameSpec.parse(answer.substring(4)))
        {
            frames.add(new String(frame, StandardCharsets.ISO_8859_1));
        }
        return frames;
    }

    /**
     * Receive one message and answer only its frames' lengths and SHA-256 digests (for large messages).
     *
     * @param timeoutMs how long the peer waits.
     * @return one {@code length:sha256hex} per frame, or null on timeout.
     */
    List<String> recvDigests(final long timeoutMs)
    {
        final String answer = process.ask("RECVDIGEST " + timeoutMs);
        if ("TIMEOUT".equals(answer))
        {
            return null;
        }
        if (!answer.startsWith("MSG "))
        {
            return fail("unexpected answer to RECVDIGEST: " + answer + process.describe());
        }
        return List.of(answer.substring(4).split(","));
    }

    /** Receive one single-frame message as text, failing if none comes within 5 s. */
    String recvText()
    {
        final List<String> frames = recv(RECV_TEXT_TIMEOUT_MS);
        if (frames == null)
        {
            return fail("the libzmq peer received nothing within " + RECV_TEXT_TIMEOUT_MS + " ms" +
                process.describe());
        }
        assertEquals(1, frames.size(), "frames of " + frames);
        return frames.get(0);
    }

    /** Close the socket and context in an orderly way (the process stays until {@link #close()}). */
    void closeSocket()
    {
        assertEquals("CLOSED", process.ask("CLOSE"));
    }

    /** Kill the process. */
    @Override
    public void close()
    {
        process.close();
    }

    private void expectOk(final String commandLine)
    {
        assertEquals("OK", process.ask(commandLine), "answer to " + commandLine);
    }

    private static byte[] latin1(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
