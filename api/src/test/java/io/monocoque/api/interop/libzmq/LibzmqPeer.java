package io.monocoque.api.interop.libzmq;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * A libzmq peer: {@code interop/zmq_peer.py} as a {@link PythonPeerProcess}, which runs one scripted exchange and
 * reports what it received. Close every peer after its test (the tests register them with their
 * {@code TestResources}), which kills the process, so a failed test leaves no process behind; the script also exits
 * by itself when its stdin closes (the JVM is gone) or after {@code --max-seconds}.
 * <p>
 * The script's protocol is documented at the top of {@code zmq_peer.py}; {@link #reportLine(byte[][])} and
 * {@link FrameSpec} are the Java side of its message formats.
 */
final class LibzmqPeer implements AutoCloseable
{
    /** Messages whose frames total at most this are reported inline, larger ones as a SHA-256. */
    static final int INLINE_LIMIT = 4096;

    private static final String SCRIPT = "interop/zmq_peer.py";

    private final PythonPeerProcess process;
    private final String endpoint;

    private LibzmqPeer(final PythonPeerProcess process, final String endpoint)
    {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Start a peer and wait for its READY line; a peer that never gets ready is killed.
     *
     * @param args the script's arguments, e.g. {@code --type REP --bind tcp://127.0.0.1:0 --mode echo}.
     * @return the peer, with {@link #endpoint()} set.
     */
    static LibzmqPeer start(final List<String> args)
    {
        final PythonPeerProcess process = PythonPeerProcess.start(SCRIPT, args);
        return new LibzmqPeer(process, process.awaitReady("tcp://"));
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
     * The next line of output ({@link PythonPeerProcess#nextLine()}).
     *
     * @return the line.
     */
    String nextLine()
    {
        return process.nextLine();
    }

    /**
     * Assert the next line.
     *
     * @param expected the exact line.
     * @param what     what it is, for the failure message.
     */
    void expectLine(final String expected, final String what)
    {
        process.expectLine(expected, what);
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
        process.expectExit(0);
    }

    /**
     * Kill the process (and anything it started) and wait for it to go.
     */
    @Override
    public void close()
    {
        process.close();
    }

    // ------------------------------------------------------------------ the script's message formats

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
            return "MSG " + FrameSpec.of(frames);
        }
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final byte[] frame : frames)
            {
                digest.update(ByteBuffer.allocate(4).putInt(frame.length).array());
                digest.update(frame);
            }
            return "MSGHASH " + FrameSpec.hex(digest.digest()) + " " + total;
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

    static String describeFrames(final byte[][] frames)
    {
        if (frames == null)
        {
            return "null";
        }
        final String[] shown = new String[frames.length];
        for (int i = 0; i < frames.length; i++)
        {
            final String h = FrameSpec.hex(frames[i]);
            shown[i] = h.length() <= 64 ? h : h.substring(0, 64) + "...(" + frames[i].length + " bytes)";
        }
        return Arrays.toString(shown);
    }
}
