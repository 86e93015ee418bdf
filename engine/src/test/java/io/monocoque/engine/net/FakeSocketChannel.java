package io.monocoque.engine.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Arrays;
import java.util.Set;

/**
 * A connected {@link SocketChannel} in memory, standing in for the kernel in tests: the test feeds the bytes the
 * peer "sent" ({@link #feed}), and reads back everything the code under test wrote ({@link #written()}). The kernel's
 * moods are configurable: reads and writes that take only part of what they could ({@link #maxBytesPerRead},
 * {@link #maxBytesPerWrite}), a send buffer that fills up ({@link #sendRoom}), end of stream after the fed bytes
 * ({@link #endOfStream()}), and failing reads or writes ({@link #failReadsWith}, {@link #failWritesWith}; with an
 * {@link Error}: {@link #failReadsWithError}, {@link #failWritesWithError}).
 * <p>
 * It cannot be registered with a real selector (another provider's channels); the code under test reads and writes
 * it directly, as the engine does with a channel it polls directly. Single-threaded, like the engine's use.
 */
public final class FakeSocketChannel extends SocketChannel
{
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private byte[] inbound = new byte[0];
    private int inboundRead;
    private boolean endOfStream;
    private IOException readFailure;
    private IOException writeFailure;
    private Error readError;
    private Error writeError;
    private int maxBytesPerRead = Integer.MAX_VALUE;
    private int maxBytesPerWrite = Integer.MAX_VALUE;
    private long sendRoom = Long.MAX_VALUE;
    private int readCalls;
    private int writeCalls;

    /**
     * A connected, open channel with nothing to read and an unlimited send buffer.
     */
    public FakeSocketChannel()
    {
        super(SelectorProvider.provider());
    }

    /**
     * Bytes the peer sends: later reads return them, in order, after those fed before.
     *
     * @param bytes the bytes.
     * @return this channel.
     */
    public FakeSocketChannel feed(final byte[] bytes)
    {
        final byte[] joined = Arrays.copyOf(inbound, inbound.length + bytes.length);
        System.arraycopy(bytes, 0, joined, inbound.length, bytes.length);
        inbound = joined;
        return this;
    }

    /**
     * The peer closes its side: once the fed bytes are read, reads return -1.
     *
     * @return this channel.
     */
    public FakeSocketChannel endOfStream()
    {
        endOfStream = true;
        return this;
    }

    /**
     * Every following read throws this exception (a connection reset, say).
     *
     * @param failure the exception.
     * @return this channel.
     */
    public FakeSocketChannel failReadsWith(final IOException failure)
    {
        readFailure = failure;
        return this;
    }

    /**
     * Every following read throws this error, as a read would that ran the JVM out of stack or of direct memory (or
     * hit a bug below the connection): not an {@link IOException}, so no ordinary close path sees it.
     *
     * @param failure the error.
     * @return this channel.
     */
    public FakeSocketChannel failReadsWithError(final Error failure)
    {
        readError = failure;
        return this;
    }

    /**
     * Every following write throws this error.
     *
     * @param failure the error.
     * @return this channel.
     */
    public FakeSocketChannel failWritesWithError(final Error failure)
    {
        writeError = failure;
        return this;
    }

    /**
     * Every following write throws this exception.
     *
     * @param failure the exception.
     * @return this channel.
     */
    public FakeSocketChannel failWritesWith(final IOException failure)
    {
        writeFailure = failure;
        return this;
    }

    /**
     * Short reads: each read returns at most this many bytes.
     *
     * @param bytes the limit (positive).
     * @return this channel.
     */
    public FakeSocketChannel maxBytesPerRead(final int bytes)
    {
        maxBytesPerRead = bytes;
        return this;
    }

    /**
     * Short writes: each write takes at most this many bytes.
     *
     * @param bytes the limit (positive).
     * @return this channel.
     */
    public FakeSocketChannel maxBytesPerWrite(final int bytes)
    {
        maxBytesPerWrite = bytes;
        return this;
    }

    /**
     * The kernel's send buffer: from now on writes take at most this many bytes in all, then return 0 (full) until
     * it is raised again.
     *
     * @param bytes bytes the kernel takes from now on ({@link Long#MAX_VALUE} for no limit).
     * @return this channel.
     */
    public FakeSocketChannel sendRoom(final long bytes)
    {
        sendRoom = bytes;
        return this;
    }

    /**
     * Everything written so far, in order.
     *
     * @return a copy of the bytes.
     */
    public byte[] written()
    {
        return written.toByteArray();
    }

    /**
     * Number of bytes fed and not read yet.
     *
     * @return the count.
     */
    public int unread()
    {
        return inbound.length - inboundRead;
    }

    /**
     * Number of read calls so far.
     *
     * @return the count.
     */
    public int readCalls()
    {
        return readCalls;
    }

    /**
     * Number of write calls so far.
     *
     * @return the count.
     */
    public int writeCalls()
    {
        return writeCalls;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        ensureOpen();
        readCalls++;
        if (readError != null)
        {
            throw readError;
        }
        if (readFailure != null)
        {
            throw readFailure;
        }
        final int available = inbound.length - inboundRead;
        if (available == 0)
        {
            return endOfStream ? -1 : 0;
        }
        final int bytes = Math.min(Math.min(available, dst.remaining()), maxBytesPerRead);
        dst.put(inbound, inboundRead, bytes);
        inboundRead += bytes;
        return bytes;
    }

    @Override
    public long read(final ByteBuffer[] dsts, final int offset, final int length) throws IOException
    {
        long total = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final int bytes = read(dsts[i]);
            if (bytes < 0)
            {
                return total == 0 ? -1 : total;
            }
            total += bytes;
            if (dsts[i].hasRemaining())
            {
                break;
            }
        }
        return total;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        writeCalls++;
        return writeOne(src);
    }

    private int writeOne(final ByteBuffer src) throws IOException
    {
        ensureOpen();
        if (writeError != null)
        {
            throw writeError;
        }
        if (writeFailure != null)
        {
            throw writeFailure;
        }
        final int bytes = (int)Math.min(Math.min(src.remaining(), maxBytesPerWrite), sendRoom);
        final byte[] copy = new byte[bytes];
        src.get(copy);
        written.write(copy, 0, bytes);
        if (sendRoom != Long.MAX_VALUE)
        {
            sendRoom -= bytes;
        }
        return bytes;
    }

    @Override
    public long write(final ByteBuffer[] srcs, final int offset, final int length) throws IOException
    {
        writeCalls++; // one system call, as a real gathering write
        long total = 0;
        for (int i = offset; i < offset + length; i++)
        {
            total += writeOne(srcs[i]);
            if (srcs[i].hasRemaining())
            {
                break;
            }
        }
        return total;
    }

    private void ensureOpen() throws ClosedChannelException
    {
        if (!isOpen())
        {
            throw new ClosedChannelException();
        }
    }

    @Override
    public SocketChannel bind(final SocketAddress local)
    {
        return this;
    }

    @Override
    public <T> SocketChannel setOption(final SocketOption<T> name, final T value)
    {
        return this;
    }

    @Override
    public <T> T getOption(final SocketOption<T> name)
    {
        return null;
    }

    @Override
    public Set<SocketOption<?>> supportedOptions()
    {
        return Set.of();
    }

    @Override
    public SocketChannel shutdownInput()
    {
        return this;
    }

    @Override
    public SocketChannel shutdownOutput()
    {
        return this;
    }

    @Override
    public Socket socket()
    {
        throw new UnsupportedOperationException("no java.net.Socket behind a fake channel");
    }

    @Override
    public boolean isConnected()
    {
        return isOpen();
    }

    @Override
    public boolean isConnectionPending()
    {
        return false;
    }

    @Override
    public boolean connect(final SocketAddress remote)
    {
        return true;
    }

    @Override
    public boolean finishConnect()
    {
        return true;
    }

    @Override
    public SocketAddress getRemoteAddress()
    {
        return LOOPBACK;
    }

    @Override
    public SocketAddress getLocalAddress()
    {
        return LOOPBACK;
    }

    @Override
    protected void implCloseSelectableChannel()
    {
        // Nothing to release: isOpen() turns false, and reads and writes throw ClosedChannelException.
    }

    @Override
    protected void implConfigureBlocking(final boolean block)
    {
        // Reads and writes never block anyway.
    }
}
