package io.monocoque.api.interop.libzmq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A libzmq peer: {@code interop/zmq_peer.py} run by {@code /usr/bin/python3} (pyzmq over the system libzmq) as a
 * child process. Its stdout is drained by a daemon thread into a queue of lines; its stderr goes to a temporary
 * file shown in failure messages. Start peers through a {@link Group} closed in {@code @AfterEach}, which kills
 * every process it started (destroyForcibly), so a failed test leaves no process behind; the script also exits by
 * itself when its stdin closes (the JVM is gone) or after {@code --max-seconds}.
 * <p>
 * The script's protocol is documented at the top of {@code zmq_peer.py}; {@link #reportLine(byte[][])} and
 * {@link #spec(byte[][])} are the Java side of its message formats.
 */
final class LibzmqPeer implements AutoCloseable
{
    /** Longest wait for any one line of output (READY, MSG, DONE...). */
    static final long LINE_TIMEOUT_MS = 10_000;
    /** Messages whose frames total at most this are reported inline, larger ones as a SHA-256. */
    static final int INLINE_LIMIT = 4096;

    private static final String END_OF_OUTPUT = "\u0000end of output";
    private static final int MAX_STDERR_SHOWN = 4000;

    private final List<String> command;
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private String endpoint;

    private LibzmqPeer(final List<String> command, final Process process, final Path stderr)
    {
        this.command = command;
        this.process = process;
        this.stderr = stderr;
        final Thread reader = new Thread(this::drainStdout, "zmq_peer-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The peers of one test; closing the group kills all of them.
     */
    static final class Group implements AutoCloseable
    {
        private final List<LibzmqPeer> peers = new ArrayList<>();

        /**
         * Start a peer and wait for its READY line.
         *
         * @param args the script's arguments, e.g. {@code --type REP --bind tcp://127.0.0.1:0 --mode echo}.
         * @return the peer, with {@link #endpoint()} set.
         */
        LibzmqPeer start(final List<String> args)
        {
            final LibzmqPeer peer = launch(args);
            peers.add(peer); // before waiting, so a peer that never gets ready is still killed
            final String ready = peer.nextLine();
            if (!ready.startsWith("READY tcp://"))
            {
                fail("expected READY from the libzmq peer, got '" + ready + "'" + peer.describe());
            }
            peer.endpoint = ready.substring("READY ".length());
            return peer;
        }

        LibzmqPeer start(final String... args)
        {
            return start(List.of(args));
        }

        @Override
        public void close()
        {
            for (final LibzmqPeer peer : peers)
            {
                peer.close();
            }
            peers.clear();
        }
    }

    private static LibzmqPeer launch(final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(LibzmqCondition.python());
        command.add("-u");
        command.add(PythonScript.onDisk("interop/zmq_peer.py").toString());
        command.addAll(args);
        try
        {
            final Path stderr = Files.createTempFile("zmq_peer-", ".stderr");
            final Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start(); // stdin stays an open pipe: the script exits when it closes
            return new LibzmqPeer(command, process, stderr);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + command, ex);
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
     * The endpoint from the READY line: the bound endpoint with its real port, or the endpoint connected to.
     *
     * @return e.g. {@code tcp://127.0.0.1:40123}.
     */
    String endpoint()
    {
        return endpoint;
    }

    /**
     * The next line of output, failing the test if none comes within {@link #LINE_TIMEOUT_MS}, if the peer
     * exits first, or if the line is an ERROR.
     *
     * @return the line.
     */
    String nextLine()
    {
        final String line;
        try
        {
            line = lines.poll(LINE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the libzmq peer" + describe(), ex);
        }
        if (line == null)
        {
            return fail("no output from the libzmq peer within " + LINE_TIMEOUT_MS + " ms" + describe());
        }
        if (END_OF_OUTPUT.equals(line))
        {
            lines.add(END_OF_OUTPUT); // stays at the end for later calls
            return fail("the libzmq peer ended its output early" + describe());
        }
        if (line.startsWith("ERROR"))
        {
            return fail("the libzmq peer reported: " + line + describe());
        }
        return line;
    }

    /**
     * Assert the next line.
     *
     * @param expected the exact line.
     * @param what     what it is, for the failure message.
     */
    void expectLine(final String expected, final String what)
    {
        final String line = nextLine();
        if (!expected.equals(line))
        {
            assertEquals(abbreviate(expected), abbreviate(line), what + " as reported by the libzmq peer");
        }
    }

    /**
     * Assert that the peer reports having received exactly these messages, in this order.
     *
     * @param messages the messages.
     */
    void expectReceived(final List<byte[][]> messages)
    {
        for (int i = 0; i < messages.size(); i++)
        {
            expectLine(reportLine(messages.get(i)), "message " + i + " of " + messages.size());
        }
    }

    /**
     * Assert that the peer finishes: a {@code DONE count} line, then exit status 0.
     *
     * @param count messages it handled.
     */
    void expectDone(final int count)
    {
        expectLine("DONE " + count, "completion");
        try
        {
            if (!process.waitFor(LINE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                fail("the libzmq peer did not exit after DONE" + describe());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
        assertEquals(0, process.exitValue(), "exit status of the libzmq peer" + describe());
    }

    /**
     * Kill the process (and anything it started) and wait for it to go.
     */
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
            process.getOutputStream().close();
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
        final StringBuilder text = new StringBuilder("\n  peer: ").append(abbreviate(String.join(" ", command)));
        text.append("\n  state: ").append(process.isAlive() ? "running" : "exited with " + process.exitValue());
        try
        {
            String err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
            if (err.length() > MAX_STDERR_SHOWN)
            {
                err = "..." + err.substring(err.length() - MAX_STDERR_SHOWN);
            }
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

    private static String abbreviate(final String text)
    {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }

    // ------------------------------------------------------------------ the script's message formats

    /**
     * A message as the script's SPEC: frames in lower-case hex joined by '.'.
     *
     * @param frames the frames.
     * @return e.g. {@code 6869.} for the frames "hi" and empty.
     */
    static String spec(final byte[][] frames)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < frames.length; i++)
        {
            if (i > 0)
            {
                text.append('.');
            }
            text.append(hex(frames[i]));
        }
        return text.toString();
    }

    /**
     * The line the script prints for a received message: {@code MSG <spec>} or, above {@link #INLINE_LIMIT}
     * bytes, {@code MSGHASH <sha256 over 4-byte length + bytes of each frame> <total bytes>}.
     *
     * @param frames the message.
     * @return the line.
     */
    static String reportLine(final byte[][] frames)
    {
        long total = 0;
        for (final byte[] frame : frames)
        {
            total += frame.length;
        }
        if (total <= INLINE_LIMIT)
        {
            return "MSG " + spec(frames);
        }
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final byte[] frame : frames)
            {
                digest.update(ByteBuffer.allocate(4).putInt(frame.length).array());
                digest.update(frame);
            }
            return "MSGHASH " + hex(digest.digest()) + " " + total;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Message {@code index} of the script's {@code --gen N --size S}: the index as 8 bytes big-endian, then bytes
     * {@code (index + j) & 0xff} for j = 8..size-1.
     *
     * @param index sequence number.
     * @param size  bytes, at least 8.
     * @return the frame.
     */
    static byte[] generated(final int index, final int size)
    {
        final byte[] body = new byte[size];
        ByteBuffer.wrap(body).putLong(index);
        for (int j = 8; j < size; j++)
        {
            body[j] = (byte)(index + j);
        }
        return body;
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

    static String describeFrames(final byte[][] frames)
    {
        if (frames == null)
        {
            return "null";
        }
        final String[] shown = new String[frames.length];
        for (int i = 0; i < frames.length; i++)
        {
            final String h = hex(frames[i]);
            shown[i] = h.length() <= 64 ? h : h.substring(0, 64) + "...(" + frames[i].length + " bytes)";
        }
        return Arrays.toString(shown);
    }
}
