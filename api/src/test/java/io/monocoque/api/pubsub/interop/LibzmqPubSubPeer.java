package io.monocoque.api.pubsub.interop;

import io.monocoque.api.interop.libzmq.LibzmqCondition;
import io.monocoque.api.interop.libzmq.PythonScript;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A libzmq PUB/SUB/XPUB/XSUB peer: {@code interop/pubsub_peer.py} run by {@code /usr/bin/python3} (pyzmq over the
 * system libzmq) as a child process, driven one command line at a time (protocol at the top of the script). Its
 * stdout is drained by a daemon thread into a queue; stderr goes to a temporary file shown in failures. Close it
 * (try-with-resources or {@code @AfterEach}): that kills the process; it also exits by itself when its stdin closes.
 */
final class LibzmqPubSubPeer implements AutoCloseable
{
    private static final long LINE_TIMEOUT_MS = 10_000;
    private static final String END_OF_OUTPUT = "\u0000end of output";

    private final List<String> command;
    private final Process process;
    private final Path stderr;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private String endpoint;

    private LibzmqPubSubPeer(final List<String> command, final Process process, final Path stderr)
    {
        this.command = command;
        this.process = process;
        this.stderr = stderr;
        this.stdin = process.getOutputStream();
        final Thread reader = new Thread(this::drainStdout, "pubsub_peer-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start a peer and wait for its READY line.
     *
     * @param args e.g. {@code --type SUB --connect tcp://127.0.0.1:5555}.
     * @return the peer.
     */
    static LibzmqPubSubPeer start(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(LibzmqCondition.python());
        command.add("-u");
        command.add(PythonScript.onDisk("interop/pubsub_peer.py").toString());
        command.addAll(List.of(args));
        final LibzmqPubSubPeer peer;
        try
        {
            final Path stderr = Files.createTempFile("pubsub_peer-", ".stderr");
            peer = new LibzmqPubSubPeer(command, new ProcessBuilder(command).redirectError(stderr.toFile()).start(),
                stderr);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
        }
        try
        {
            final String ready = peer.nextLine();
            if (!ready.startsWith("READY "))
            {
                fail("expected READY from the libzmq peer, got '" + ready + "'" + peer.describe());
            }
            peer.endpoint = ready.substring("READY ".length());
            return peer;
        }
        catch (final RuntimeException | AssertionError ex)
        {
            peer.close();
            throw ex;
        }
    }

    private void drainStdout()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            // the process was killed: end of output
        }
        finally
        {
            lines.add(END_OF_OUTPUT);
        }
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

    private String nextLine()
    {
        final String line;
        try
        {
            line = lines.poll(LINE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the libzmq peer", ex);
        }
        if (line == null)
        {
            return fail("no output from the libzmq peer within " + LINE_TIMEOUT_MS + " ms" + describe());
        }
        if (END_OF_OUTPUT.equals(line))
        {
            lines.add(END_OF_OUTPUT);
            return fail("the libzmq peer ended its output early" + describe());
        }
        if (line.startsWith("ERROR"))
        {
            return fail("the libzmq peer reported: " + line + describe());
        }
        return line;
    }

    private String ask(final String commandLine)
    {
        try
        {
            stdin.write((commandLine + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        }
        catch (final IOException ex)
        {
            fail("cannot write to the libzmq peer: " + ex + describe());
        }
        return nextLine();
    }

    private void expectOk(final String commandLine)
    {
        assertEquals("OK", ask(commandLine), "answer to " + commandLine);
    }

    /** ZMQ_SUBSCRIBE on the peer (a SUB). */
    void subscribe(final String prefix)
    {
        expectOk("SUB " + hex(prefix));
    }

    /** ZMQ_UNSUBSCRIBE on the peer (a SUB). */
    void unsubscribe(final String prefix)
    {
        expectOk("UNSUB " + hex(prefix));
    }

    /** Send a message of text frames. */
    void send(final String... frames)
    {
        final StringBuilder spec = new StringBuilder();
        for (int i = 0; i < frames.length; i++)
        {
            spec.append(i > 0 ? "." : "").append(hex(frames[i]));
        }
        expectOk("SEND " + spec);
    }

    /** Send a one-frame message of raw bytes (e.g. an XSUB subscription 0x01 + prefix). */
    void sendBytes(final byte[] frame)
    {
        expectOk("SEND " + hex(frame));
    }

    /**
     * Receive one message.
     *
     * @param timeoutMs how long the peer waits.
     * @return its frames as text, or null on timeout.
     */
    List<String> recv(final long timeoutMs)
    {
        final String answer = ask("RECV " + timeoutMs);
        if ("TIMEOUT".equals(answer))
        {
            return null;
        }
        if (!answer.startsWith("MSG "))
        {
            return fail("unexpected answer to RECV: " + answer + describe());
        }
        final List<String> frames = new ArrayList<>();
        for (final String frame : answer.substring(4).split("\\.", -1))
        {
            frames.add(new String(unhex(frame), StandardCharsets.ISO_8859_1));
        }
        return frames;
    }

    /** Receive one single-frame message as text, failing if none comes within 5 s. */
    String recvText()
    {
        final List<String> frames = recv(5_000);
        if (frames == null)
        {
            return fail("the libzmq peer received nothing within 5000 ms" + describe());
        }
        assertEquals(1, frames.size(), "frames of " + frames);
        return frames.get(0);
    }

    /** Close the socket and context in an orderly way (the process stays until {@link #close()}). */
    void closeSocket()
    {
        assertEquals("CLOSED", ask("CLOSE"));
    }

    @Override
    public void close()
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try
        {
            process.waitFor(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            stdin.close();
        }
        catch (final IOException ignored)
        {
            // already gone
        }
        try
        {
            Files.deleteIfExists(stderr);
        }
        catch (final IOException ignored)
        {
            // a temporary file
        }
    }

    private String describe()
    {
        final StringBuilder text = new StringBuilder("\n  peer: ").append(String.join(" ", command));
        text.append("\n  state: ").append(process.isAlive() ? "running" : "exited with " + process.exitValue());
        try
        {
            final String err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
            if (!err.isBlank())
            {
                text.append("\n  stderr:\n").append(err.strip());
            }
        }
        catch (final IOException ex)
        {
            text.append("\n  stderr unreadable: ").append(ex.getMessage());
        }
        return text.toString();
    }

    static String hex(final String text)
    {
        return hex(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String hex(final byte[] bytes)
    {
        final char[] digits = "0123456789abcdef".toCharArray();
        final char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            text[2 * i] = digits[(bytes[i] >> 4) & 0xf];
            text[2 * i + 1] = digits[bytes[i] & 0xf];
        }
        return new String(text);
    }

    private static byte[] unhex(final String hex)
    {
        final byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
