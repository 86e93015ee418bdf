package io.monocoque.engine.net;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The byte side of one connection: its channel and selection key, how inbound data is noticed (the owner's selector,
 * or a direct {@code read} every duty cycle), the inbound buffer with its unconsumed bytes, and writes. It knows
 * nothing of ZMTP: the session above it reads from {@link #readView()} between {@link #readStart()} and
 * {@link #readEnd()}, {@link #consume(int) consumes} whole frames, and hands it bytes to write. Channels come and go
 * (a connected endpoint reconnects): the transport outlives them, keeping its buffer.
 * <p>
 * The inbound buffer holds {@link #HANDSHAKE_READ_CAPACITY} until the session's handshake completes, then the
 * capacity its creator chose ({@link #onHandshakeComplete()}), and grows only for a single message larger than it,
 * and then only as its bytes actually arrive: it doubles each time the message in progress fills it, up to what that
 * message needs, so a peer that announces a 2 GiB frame and sends 10 bytes costs nothing. Once the large messages
 * have been consumed and the buffer has stayed empty for {@link #SHRINK_AFTER_EMPTY_READS} reads (not merely between
 * two large messages of a stream, which would allocate and zero it again for each) it shrinks back to the starting
 * capacity, so an idle connection holds only that. The buffer is compacted, not grown, when unconsumed bytes sit at
 * its end. A buffer holding a large message may be lent to the application ({@link #lendReadBuffer}): the transport
 * then reads into the buffer it is given in exchange and never writes or frees the lent one again.
 * <p>
 * Owned by the thread that owns its connection (the engine agent, or the PUB fan-out worker it was handed to); that
 * thread makes every call.
 */
public final class Transport
{
    /** Largest buffer a direct {@code ByteBuffer} can be. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE;
    /**
     * Inbound buffer of a session still in its handshake: a greeting and a READY with metadata fit, and it grows as
     * bytes arrive like any buffer, so a raw connect that never finishes its handshake costs this little.
     */
    public static final int HANDSHAKE_READ_CAPACITY = 4096;

    /**
     * Reads that find a grown buffer empty before it shrinks back: a burst of large messages keeps its buffer (each
     * one would otherwise allocate, zero and copy the buffer again as it doubled), an idle connection soon drops it.
     */
    static final int SHRINK_AFTER_EMPTY_READS = 1024;
    /**
     * Inbound buffer of a session between bursts: reads that fill it grow it, doubling, up to the capacity its
     * creator chose, and it comes back to this once unused for {@link BufferIdleTimer#SHRINK_AFTER_NS}.
     */
    public static final int IDLE_READ_CAPACITY = 16 * 1024;

    private final UnsafeBuffer readView = new UnsafeBuffer(0, 0);
    private int emptyReadsWhileGrown;
    /** Most the buffer grows to for a burst of messages (larger only for one message larger than it). */
    private final int sessionCapacity;
    /** What a session's buffer holds between bursts. */
    private final int idleCapacity;
    private int startingCapacity;
    /** The last read filled the buffer: the kernel may hold more than fits, so the next read gets a larger one. */
    private boolean filled;
    private final BufferIdleTimer idleTimer = new BufferIdleTimer();
    private ByteBuffer readBuffer;
    /** Set when the read buffer was lent to a reader: read into this one from the next read on. */
    private ByteBuffer lentReplacement;
    private int readStart;
    private int readEnd;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean polledDirectly;
    private boolean writeInterest;
    private boolean readPaused;

    /**
     * Create a transport with no channel yet.
     *
     * @param readBufferCapacity starting capacity of the inbound buffer in bytes (positive).
     */
    public Transport(final int readBufferCapacity)
    {
        if (readBufferCapacity <= 0)
        {
            throw new IllegalArgumentException("read buffer capacity must be positive: " + readBufferCapacity);
        }
        this.sessionCapacity = readBufferCapacity;
        this.idleCapacity = Math.min(IDLE_READ_CAPACITY, readBufferCapacity);
        this.startingCapacity = Math.min(HANDSHAKE_READ_CAPACITY, readBufferCapacity);
        this.readBuffer = ByteBuffer.allocateDirect(startingCapacity);
        this.readView.wrap(readBuffer);
    }

    /**
     * The session's handshake is done: the inbound buffer takes the capacity its creator chose (resources follow
     * the handshake). May throw {@code OutOfMemoryError} if direct memory is exhausted: the caller refuses the
     * connection.
     */
    public void onHandshakeComplete()
    {
        moveOffLentBuffer();
        startingCapacity = idleCapacity;
        if (readBuffer.capacity() < idleCapacity)
        {
            replaceBuffer(idleCapacity);
        }
    }

    /**
     * Carry a new channel (a new session): the inbound buffer starts empty.
     *
     * @param channel a connected non-blocking channel.
     */
    public void open(final SocketChannel channel)
    {
        this.channel = channel;
        this.key = null;
        this.writeInterest = false;
        this.readPaused = false;
        moveOffLentBuffer();
        this.readStart = 0;
        this.readEnd = 0;
        // A new session starts with its handshake: only the handshake's buffer until it completes.
        startingCapacity = Math.min(HANDSHAKE_READ_CAPACITY, sessionCapacity);
        if (readBuffer.capacity() > startingCapacity)
        {
            replaceBuffer(startingCapacity);
        }
    }

    /**
     * Give back the memory a burst grew the inbound buffer to, once it is empty and has gone unused for
     * {@link BufferIdleTimer#SHRINK_AFTER_NS}. Owner's thread, from the connection's timer.
     *
     * @param nowNs the owner's time for this duty cycle.
     * @return true if it shrank.
     */
    public boolean shrinkIfIdle(final long nowNs)
    {
        if (!isGrown() || readStart != readEnd || lentReplacement != null || !idleTimer.isIdle(nowNs))
        {
            return false;
        }
        readStart = 0;
        readEnd = 0;
        filled = false;
        replaceBuffer(startingCapacity);
        return true;
    }

    /**
     * Whether the inbound buffer is larger than a session holds between bursts.
     *
     * @return true while grown.
     */
    public boolean isGrown()
    {
        return readBuffer.capacity() > startingCapacity;
    }

    /**
     * Whether a channel is attached.
     *
     * @return true between {@link #open} and {@link #close()}.
     */
    public boolean isOpen()
    {
        return channel != null;
    }

    /**
     * Attach the selection key of the current channel and apply the current interest (read interest unless reading
     * is paused, write interest when asked for).
     *
     * @param key the key the channel was registered with.
     */
    public void attachKey(final SelectionKey key)
    {
        this.key = key;
        applyInterest();
    }

    /**
     * Choose how inbound data is noticed: by the owner's selector (many connections), or by reading the channel
     * directly every duty cycle (few connections: one {@code read} instead of {@code epoll_wait} plus
     * {@code read}, which is what a spinning raw-NIO loop does). The selector keeps its read interest either way
     * (see {@link #attachKey}), so this changes no interest set.
     *
     * @param directly true to be read directly every cycle.
     */
    public void pollDirectly(final boolean directly)
    {
        polledDirectly = directly;
    }

    /**
     * Whether the channel is read directly every duty cycle rather than through the selector.
     *
     * @return true when polled directly.
     */
    public boolean isPolledDirectly()
    {
        return polledDirectly;
    }

    /**
     * Ask the selector to report when the kernel can take more bytes (after a write it did not take whole), or stop.
     *
     * @param interested true to be told of writability.
     */
    public void writeInterest(final boolean interested)
    {
        if (writeInterest != interested)
        {
            writeInterest = interested;
            applyInterest();
        }
    }

    /**
     * Stop (or resume) asking the selector about readability, while the owner cannot take what it would read (its
     * receive ring is full): a level-triggered selector would otherwise report the channel ready on every select,
     * and a sleeping owner would never sleep.
     *
     * @param paused true while inbound delivery is blocked.
     */
    public void pauseReading(final boolean paused)
    {
        if (readPaused != paused)
        {
            readPaused = paused;
            applyInterest();
        }
    }

    private void applyInterest()
    {
        if (key != null && key.isValid())
        {
            // Read interest stays on for a channel read directly too: an owner that sleeps in its selector must be
            // woken by it (its selector is polled only now and then while it is awake).
            key.interestOps((readPaused ? 0 : SelectionKey.OP_READ) | (writeInterest ? SelectionKey.OP_WRITE : 0));
        }
    }

    /**
     * Read what the kernel has into the inbound buffer, first making room for more of the {@code required} unconsumed
     * bytes the session waits for (compacting; growing, by doubling, only when they fill the buffer).
     *
     * @param required bytes the session needs in the buffer before it can consume anything (at least 1).
     * @return bytes read, 0 if none were waiting, -1 at end of stream.
     * @throws IOException if the connection is broken.
     */
    public int read(final int required) throws IOException
    {
        moveOffLentBuffer();
        ensureReadRoom(Math.max(required, 1));
        readBuffer.limit(readBuffer.capacity()).position(readEnd);
        final int bytes = channel.read(readBuffer);
        if (bytes > 0)
        {
            readEnd += bytes;
            filled = readEnd == readBuffer.capacity();
            if (readEnd > idleCapacity)
            {
                idleTimer.markUsed();
            }
        }
        return bytes;
    }

    private void ensureReadRoom(final int required)
    {
        if (readStart == readEnd)
        {
            readStart = 0;
            readEnd = 0;
            // The large messages that grew the buffer have been consumed: once the buffer has stayed empty for a
            // while (not between two messages of a stream of large ones), hold only the starting capacity again.
            if (readBuffer.capacity() > Math.max(startingCapacity, sessionCapacity) &&
                ++emptyReadsWhileGrown >= SHRINK_AFTER_EMPTY_READS)
            {
                replaceBuffer(Math.max(startingCapacity, Math.min(sessionCapacity, readBuffer.capacity())));
            }
        }
        else
        {
            emptyReadsWhileGrown = 0;
        }
        if (filled && readBuffer.capacity() < sessionCapacity && startingCapacity == idleCapacity)
        {
            // A burst: the last read filled the buffer, so the next one reads into twice as much, up to the
            // session's batching capacity (one read then carries as many messages as before buffers were sized by
            // need). The handshake's buffer grows only for the bytes the handshake needs.
            filled = false;
            replaceBuffer(Math.min(2 * readBuffer.capacity(), sessionCapacity));
        }
        if (readBuffer.capacity() - readStart >= required + 1 && readEnd < readBuffer.capacity())
        {
            return;
        }
        if (readStart > 0)
        {
            readView.putBytes(0, readView, readStart, readEnd - readStart);
            readEnd -= readStart;
            readStart = 0;
        }
        final int capacity = readBuffer.capacity();
        if (readEnd == capacity && capacity < required)
        {
            // The message in progress fills the buffer and needs more: double, never past what it needs, so the
            // buffer follows the bytes that actually arrived, not the length the peer announced.
            replaceBuffer((int)Math.min(Math.min(2L * capacity, required), MAX_CAPACITY));
        }
    }

    /**
     * The inbound buffer now holds a message a reader was handed by reference: from the next read on, read into
     * {@code replacement} instead. The bytes after that message are still read from this buffer until then; neither
     * side writes it any more. Owner's thread, while decoding; the buffer must not already be lent.
     *
     * @param replacement a direct buffer no other thread uses; the transport owns (and may free) it.
     */
    public void lendReadBuffer(final ByteBuffer replacement)
    {
        lentReplacement = replacement;
    }

    /**
     * Whether the inbound buffer has been lent and the transport has not yet moved to its replacement: it may not be
     * lent twice.
     *
     * @return true from {@link #lendReadBuffer} until the next read.
     */
    public boolean isReadBufferLent()
    {
        return lentReplacement != null;
    }

    /**
     * Before the buffer is next written: continue in the replacement with the unconsumed bytes, and drop the lent
     * buffer without freeing it (the reader still reads it; the garbage collector frees it when nobody does).
     */
    private void moveOffLentBuffer()
    {
        final ByteBuffer replacement = lentReplacement;
        if (replacement == null)
        {
            return;
        }
        lentReplacement = null;
        final int unconsumed = readEnd - readStart;
        final ByteBuffer next = replacement.capacity() >= unconsumed ? replacement :
            ByteBuffer.allocateDirect(unconsumed);
        readView.getBytes(readStart, next, 0, unconsumed); // absolute copy: no duplicate buffer per loan
        if (next != replacement)
        {
            BufferUtil.free(replacement);
        }
        readBuffer = next;
        readView.wrap(readBuffer);
        readStart = 0;
        readEnd = unconsumed;
    }

    private void replaceBuffer(final int capacity)
    {
        final ByteBuffer replacement = ByteBuffer.allocateDirect(capacity);
        replacement.put(readBuffer.duplicate().position(0).limit(readEnd));
        BufferUtil.free(readBuffer);
        readBuffer = replacement;
        readView.wrap(readBuffer);
    }

    /**
     * The inbound buffer; unconsumed bytes lie between {@link #readStart()} and {@link #readEnd()}.
     *
     * @return the buffer view (rewrapped when the buffer grows: do not keep it across reads).
     */
    public UnsafeBuffer readView()
    {
        return readView;
    }

    /**
     * Offset of the first unconsumed byte.
     *
     * @return the offset.
     */
    public int readStart()
    {
        return readStart;
    }

    /**
     * Offset just past the last byte read.
     *
     * @return the offset.
     */
    public int readEnd()
    {
        return readEnd;
    }

    /**
     * Bytes read and not yet consumed.
     *
     * @return the count.
     */
    public int unconsumed()
    {
        return readEnd - readStart;
    }

    /**
     * Mark bytes as consumed (negative gives bytes back, to be offered again).
     *
     * @param bytes how many, from {@link #readStart()}.
     */
    public void consume(final int bytes)
    {
        readStart += bytes;
    }

    /**
     * Write as much of {@code source} as the kernel takes in one call.
     *
     * @param source bytes between its position and limit; its position advances.
     * @return bytes written, 0 if the kernel buffer is full.
     * @throws IOException if the connection is broken.
     */
    public int write(final ByteBuffer source) throws IOException
    {
        return channel.write(source);
    }

    /**
     * Gathering write: as much of the buffers, in order, as the kernel takes now.
     *
     * @param sources the buffers, each from its position to its limit.
     * @param count   how many of them, from the first.
     * @return bytes written.
     * @throws IOException if the write fails.
     */
    public long write(final ByteBuffer[] sources, final int count) throws IOException
    {
        return channel.write(sources, 0, count);
    }

    /**
     * Close the channel (quietly: it is being given up) and forget unconsumed bytes. The buffer, back at its
     * starting capacity, stays for the next channel.
     */
    public void close()
    {
        moveOffLentBuffer();
        readStart = 0;
        readEnd = 0;
        if (readBuffer.capacity() > startingCapacity)
        {
            replaceBuffer(startingCapacity); // a message cut off by the close may have grown it
        }
        key = null;
        writeInterest = false;
        readPaused = false;
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Closing a broken channel: nothing left to do with it.
            }
            channel = null;
        }
    }

    /**
     * Free the inbound buffer; the transport must not be used afterwards.
     */
    public void free()
    {
        moveOffLentBuffer(); // a lent buffer is the reader's now: only the garbage collector frees it
        BufferUtil.free(readBuffer);
    }

    /**
     * The current channel.
     *
     * @return the channel, null when closed.
     */
    public SocketChannel channel()
    {
        return channel;
    }

    /**
     * Current capacity of the inbound buffer: the starting capacity, or more while a message larger than it is
     * arriving.
     *
     * @return bytes.
     */
    public int readBufferCapacity()
    {
        return readBuffer.capacity();
    }
}
