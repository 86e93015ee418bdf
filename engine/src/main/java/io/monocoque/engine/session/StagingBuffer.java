package io.monocoque.engine.session;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.net.BufferIdleTimer;
import io.monocoque.engine.net.Transport;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes committed to one connection but not yet taken by the kernel: whole ZMTP messages and commands, copied
 * from the socket's outbound ring so that one {@code write} carries as many as fit (batching), written straight
 * from off-heap memory.
 * <p>
 * Knows where messages start, so that when a connection dies the message the kernel took only part of can be sent
 * again, whole, after reconnect ({@link #keepUnsentMessages()}); commands (PONG, SUBSCRIBE...) are not replayed,
 * since they describe the old session.
 * <p>
 * Grows only for a single message larger than its capacity, and only while empty ({@link #ensureRoom(int)}), so
 * whatever capacity it starts with ({@link ConnectionBufferSizing}) a connection can carry every message its
 * socket's send ring accepts. Whether a message that does not fit the free space now waits (in the send ring, or
 * in a subscriber's backlog) or is dropped (PUB and XSUB at a full peer) is the caller's pattern.
 * <p>
 * <b>Fragments.</b> A message larger than a send-ring record reaches the connection as fragments (see
 * {@code MessageRecord}), cut at arbitrary bytes: the buffer takes one fragment at a time, only while it holds
 * nothing else ({@link #stageFragment}), and nothing else until the kernel has taken it, so it never has to parse
 * a part of a message and never grows past one record. Such a message cannot be replayed after a reconnect (the
 * bytes before the fragment in flight are gone): {@link #keepUnsentMessages()} drops the fragment, and the caller
 * drops the rest of that message.
 * <p>
 * <b>A peer's HWM.</b> A ROUTER's, REP's or PUB subscriber's buffer ({@link #withPeerHwm(int, int)}) is the peer's
 * high-water mark:
 * it starts small, grows (only while a burst needs it) up to what the HWM admits, and a message it cannot admit is
 * the caller's to drop. A large message no larger than the HWM is admitted whole at its begin fragment
 * ({@link #beginMessage(long)}): room for all of it is reserved, its fragments are appended as they come
 * ({@link #appendFragment}), and until its last byte is staged nothing else is; once complete it is a whole message
 * like any other (replayed after a reconnect). If the connection dies before that, the partial message is dropped.
 * <p>
 * Owned by the thread that owns its {@link Connection}.
 */
public final class StagingBuffer
{
    /** A compaction that moves at most this many bytes is always worth doing. */
    static final int SMALL_MOVE_BYTES = 4096;
    private static final int UNLIMITED = Integer.MAX_VALUE;
    private static final int NONE = -1;
    /** Largest capacity a peer's buffer grows to (a direct buffer's limit, rounded down to a power of two). */
    private static final int MAX_GROWN_CAPACITY = 1 << 30;
    /** Capacity a batching or peer buffer starts with after the handshake and shrinks back to between bursts. */
    public static final int IDLE_CAPACITY = 16 * 1024;

    private ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private final int limit;
    /** Grows under its HWM as needed (a peer's HWM) rather than having the HWM's room from the start. */
    private final boolean growable;
    /** Where the large message being appended starts ({@link #beginMessage}), or NONE. */
    private int openStart = NONE;
    /** Bytes of that message still to come. */
    private long openRemaining;
    /**
     * What a batching buffer grows to for a burst (larger only for one message larger than it), and the capacity an
     * HWM buffer returns to after a message larger than the HWM ({@link #beginOversizedMessage}) has gone.
     */
    private final int baseCapacity;
    /** What the buffer holds between bursts; a batching or peer buffer comes back to it once unused a while. */
    private final int idleCapacity;
    private final BufferIdleTimer idleTimer = new BufferIdleTimer();
    /** The buffer grew for a message larger than the HWM and shrinks back once it is written. */
    private boolean oversized;
    /** The memory it was sized for has been taken (at the handshake's end, or at first use). */
    private boolean reserved;
    private int fill;
    private int written;
    private int boundary;
    /** The buffer holds one fragment of a large message (and nothing else) until the kernel has taken it. */
    private boolean fragmentStaged;

    /**
     * Create a staging buffer that batches messages waiting in a ring: what does not fit waits in the ring, so
     * room is made by moving the unsent bytes to the front only when that frees at least as many bytes as it
     * moves.
     *
     * @param capacity initial capacity in bytes.
     */
    public StagingBuffer(final int capacity)
    {
        this(capacity, UNLIMITED, false);
    }

    private StagingBuffer(final int capacity, final int limit, final boolean growable)
    {
        this.limit = limit;
        this.growable = growable;
        this.baseCapacity = capacity;
        this.idleCapacity = limit == UNLIMITED || growable ? Math.min(IDLE_CAPACITY, capacity) : capacity;
        // Nothing is staged before the handshake completes (reserve()): a raw connect costs no memory here.
        allocate(0);
    }

    /**
     * Create the staging buffer of a peer whose messages are dropped at its high-water mark (ROUTER, REP, a PUB or
     * XPUB subscriber): a message is admitted while the unsent bytes, with it, stay within {@code hwmBytes}, and
     * refused (so dropped) otherwise. Once the handshake is done the memory is {@link #IDLE_CAPACITY} (or
     * {@code initialCapacity} if smaller), grows (doubling) only while a burst needs more, up to half as large again
     * as the HWM, so that a message the HWM has room for is never refused for want of contiguous space and the
     * unsent bytes are moved at most about twice; it shrinks back once unused for a second. An idle or fast peer
     * costs little and a slow one at most about one and a half times its HWM.
     *
     * @param initialCapacity bytes to start with.
     * @param hwmBytes        most unsent bytes.
     * @return the buffer.
     */
    public static StagingBuffer withPeerHwm(final int initialCapacity, final int hwmBytes)
    {
        return new StagingBuffer(Math.min(initialCapacity, hwmBytes), hwmBytes, true);
    }

    private void allocate(final int capacity)
    {
        final ByteBuffer old = byteBuffer;
        byteBuffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        if (old != null)
        {
            byteBuffer.put(old.duplicate().position(0).limit(fill));
            BufferUtil.free(old);
        }
        buffer.wrap(byteBuffer);
    }

    /**
     * Take the memory this buffer was sized for, when its connection's handshake has completed (resources follow the
     * handshake). May throw {@code OutOfMemoryError} if direct memory is exhausted: the caller refuses the connection.
     */
    public void reserve()
    {
        if (!reserved)
        {
            reserved = true;
            if (byteBuffer.capacity() < idleCapacity)
            {
                allocate(idleCapacity);
            }
        }
    }

    /**
     * Whether a message of a given encoded length can be staged now, making room by compaction or, for a message
     * larger than the capacity (or the HWM), by growing while empty.
     *
     * @param length encoded length.
     * @return true if {@link #buffer()} has {@code length} bytes free at {@link #fill()}.
     */
    public boolean ensureRoom(final int length)
    {
        return room(length, true);
    }

    /**
     * Whether {@code length} bytes can be staged now without growing the buffer (compaction allowed): for
     * staging several messages at once, which must not grow the buffer the way one large message may.
     *
     * @param length bytes.
     * @return true if {@link #buffer()} has {@code length} bytes free at {@link #fill()}.
     */
    public boolean hasRoom(final int length)
    {
        return room(length, false);
    }

    private boolean room(final int length, final boolean mayGrow)
    {
        reserve();
        if (fragmentStaged || openStart != NONE)
        {
            return false; // the fragment goes first, alone: its bytes are no whole message to batch behind
        }
        if (fill - written > limit - length)
        {
            // Over the HWM: only a single message larger than the HWM, while nothing is staged, gets in.
            if (mayGrow && fill == 0 && length > limit)
            {
                if (length > byteBuffer.capacity())
                {
                    allocate(BitUtil.findNextPositivePowerOfTwo(length));
                }
                return true;
            }
            return false;
        }
        if ((long)fill + length > idleCapacity)
        {
            idleTimer.markUsed(); // a burst needs more than the idle size: keep what it grew to
        }
        if (byteBuffer.capacity() - fill >= length)
        {
            return true;
        }
        if (written > 0)
        {
            compact();
            if (byteBuffer.capacity() - fill >= length)
            {
                return true;
            }
        }
        if (mayGrow && limit == UNLIMITED && byteBuffer.capacity() < baseCapacity)
        {
            // A burst: grow, doubling, towards the batching capacity, so one write carries as many messages as a
            // buffer of that size always did; what still does not fit waits in the ring.
            compactFully();
            final long needed = BitUtil.findNextPositivePowerOfTwo((long)fill + length);
            allocate((int)Math.min(baseCapacity, Math.max((long)byteBuffer.capacity() << 1, needed)));
            if (byteBuffer.capacity() - fill >= length)
            {
                return true;
            }
        }
        if (growable)
        {
            // Under the HWM, so the room is owed: grow to hold what is unsent plus this message, at least doubling,
            // up to half as large again as the HWM (what a fixed HWM buffer always had: then the unsent bytes are
            // moved only once half the HWM has been written since), beyond that only as far as this message needs.
            compactFully();
            if (byteBuffer.capacity() - fill < length)
            {
                final long needed = (long)fill + length;
                final long doubled =
                    Math.max((long)byteBuffer.capacity() << 1, BitUtil.findNextPositivePowerOfTwo(needed));
                final long grown = Math.max(needed, Math.min(doubled, (long)limit + (limit >> 1)));
                allocate((int)Math.min(MAX_GROWN_CAPACITY, grown));
            }
            return true;
        }
        if (mayGrow && fill == 0 && length > byteBuffer.capacity())
        {
            allocate(BitUtil.findNextPositivePowerOfTwo(length));
            return true;
        }
        return false;
    }

    /**
     * Admit a large message whole, at its begin fragment, if the HWM has room for all of it ({@code totalLength} is
     * what its fragments carry together): room is reserved and its fragments are then {@link #appendFragment
     * appended}; nothing else is staged until its last byte is. Refused for a message larger than the HWM (the
     * caller streams it, {@link #stageFragment}) and while one is open.
     *
     * @param totalLength the message's whole encoded length.
     * @return true if admitted.
     */
    public boolean beginMessage(final long totalLength)
    {
        if (totalLength > limit || !room((int)totalLength, false))
        {
            return false;
        }
        openStart = fill;
        openRemaining = totalLength;
        return true;
    }

    /**
     * Admit a message larger than the HWM whole while the unsent bytes are below the HWM (as a libzmq pipe below
     * its HWM takes one more message whatever its size): the buffer grows to hold exactly the unsent bytes and the
     * message, and shrinks back once the kernel has taken everything. For a PUB subscriber, whose fan-out cannot
     * wait for one subscriber to take a message fragment by fragment.
     *
     * @param totalLength the message's whole encoded length, above {@link #hwmBytes()}.
     * @return true if admitted.
     */
    public boolean beginOversizedMessage(final long totalLength)
    {
        reserve();
        if (fragmentStaged || openStart != NONE || fill - written >= limit)
        {
            return false;
        }
        compactFully();
        if ((long)fill + totalLength > MAX_GROWN_CAPACITY)
        {
            return false;
        }
        if (byteBuffer.capacity() - fill < totalLength)
        {
            allocate((int)(fill + totalLength));
            oversized = true;
        }
        openStart = fill;
        openRemaining = totalLength;
        return true;
    }

    /**
     * Append the next fragment of the message admitted by {@link #beginMessage(long)}; its room is reserved.
     *
     * @param source holds the fragment's bytes.
     * @param offset first byte.
     * @param length bytes.
     */
    public void appendFragment(final DirectBuffer source, final int offset, final int length)
    {
        if (openStart == NONE || length > openRemaining)
        {
            throw new IllegalStateException("no admitted message has room for a fragment of " + length + " bytes");
        }
        buffer.putBytes(fill, source, offset, length);
        fill += length;
        openRemaining -= length;
        if (openRemaining == 0)
        {
            openStart = NONE; // whole now: replayable and batchable like any message
        }
    }

    /**
     * Whether a message admitted by {@link #beginMessage(long)} still has bytes to come.
     *
     * @return true while one is open.
     */
    public boolean hasOpenMessage()
    {
        return openStart != NONE;
    }

    private void compactFully()
    {
        advanceBoundary();
        if (boundary > 0)
        {
            moveToFront(boundary);
        }
    }

    private void compact()
    {
        // Keep the start of the message the kernel has taken part of, so it can be replayed whole on loss.
        advanceBoundary();
        final int keepFrom = boundary;
        final int remaining = fill - keepFrom;
        // A batching buffer moves the unsent bytes only when that frees at least as many as it moves (or moves
        // few): each byte is then moved about once on its way out, rather than a large, mostly pending buffer
        // being moved for each few kilobytes the kernel takes. An HWM buffer's slack already guarantees that.
        if (keepFrom == 0 || (limit == UNLIMITED && remaining > keepFrom && remaining > SMALL_MOVE_BYTES))
        {
            return;
        }
        moveToFront(keepFrom);
    }

    private void moveToFront(final int keepFrom)
    {
        final int remaining = fill - keepFrom;
        buffer.putBytes(0, buffer, keepFrom, remaining);
        fill = remaining;
        written -= keepFrom;
        boundary = 0;
        if (openStart != NONE)
        {
            openStart -= keepFrom;
        }
    }

    private void advanceBoundary()
    {
        // An open message's bytes are no whole message yet: boundaries are found only before it.
        final int parseEnd = openStart == NONE ? written : Math.min(written, openStart);
        while (boundary < parseEnd)
        {
            final int end = boundary + frameRunLength(boundary);
            if (end > written)
            {
                break;
            }
            boundary = end;
        }
    }

    private int frameRunLength(final int offset)
    {
        return FrameDescriptor.messageLength(buffer, offset);
    }

    /**
     * Buffer to copy a message into at {@link #fill()}, after {@link #ensureRoom(int)} said yes.
     *
     * @return the buffer.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset at which the next message is copied.
     *
     * @return the fill offset.
     */
    public int fill()
    {
        return fill;
    }

    /**
     * Record that {@code length} bytes were copied at {@link #fill()}.
     *
     * @param length bytes added; must be whole messages or commands.
     */
    public void commit(final int length)
    {
        fill += length;
    }

    /**
     * Whether bytes are waiting for the kernel.
     *
     * @return true if there is something to write.
     */
    public boolean hasPending()
    {
        return written < fill;
    }

    /**
     * Bytes waiting for the kernel.
     *
     * @return pending byte count.
     */
    public int pending()
    {
        return fill - written;
    }

    /**
     * Write as much as the kernel takes in one call.
     *
     * @param transport the connection's transport.
     * @return bytes written, 0 if the kernel buffer is full.
     * @throws IOException if the connection is broken.
     */
    public int writeTo(final Transport transport) throws IOException
    {
        byteBuffer.limit(fill).position(written);
        final int bytes = transport.write(byteBuffer);
        written += bytes;
        if (written == fill && openStart == NONE)
        {
            fill = 0;
            written = 0;
            boundary = 0;
            fragmentStaged = false;
            if (oversized)
            {
                oversized = false;
                allocate(idleCapacity); // the memory a message larger than the HWM needed goes with it
            }
        }
        return bytes;
    }

    /**
     * Whether a fragment may be staged now: nothing at all is staged.
     *
     * @return true if empty.
     */
    public boolean isEmpty()
    {
        return fill == 0;
    }

    /**
     * Whether the kernel has yet to take a staged fragment.
     *
     * @return true while one is staged.
     */
    public boolean hasFragment()
    {
        return fragmentStaged;
    }

    /**
     * Stage one fragment of a large message, alone; only when {@link #isEmpty()}. Grows for a fragment larger than
     * the capacity (one send-ring record at most).
     *
     * @param source holds the fragment's bytes.
     * @param offset first byte.
     * @param length bytes.
     */
    public void stageFragment(final DirectBuffer source, final int offset, final int length)
    {
        reserve();
        if (fill != 0)
        {
            throw new IllegalStateException("a fragment is staged only into an empty buffer");
        }
        if (length > byteBuffer.capacity())
        {
            allocate(BitUtil.findNextPositivePowerOfTwo(length));
        }
        buffer.putBytes(0, source, offset, length);
        fill = length;
        fragmentStaged = length > 0;
    }

    /**
     * Give back the memory a burst grew the buffer to, once nothing is staged and it has gone unused beyond its idle
     * size for {@link BufferIdleTimer#SHRINK_AFTER_NS}. Owner's thread, from the connection's timer.
     *
     * @param nowNs the owner's time for this duty cycle.
     * @return true if it shrank.
     */
    public boolean shrinkIfIdle(final long nowNs)
    {
        if (!isGrown() || fill != 0 || !idleTimer.isIdle(nowNs))
        {
            return false;
        }
        allocate(idleCapacity);
        return true;
    }

    /**
     * Whether the buffer holds more memory than between bursts.
     *
     * @return true while grown.
     */
    public boolean isGrown()
    {
        return reserved && byteBuffer.capacity() > idleCapacity;
    }

    /**
     * Whether this buffer batches what waits in a ring (no HWM of its own), rather than being a peer's or a
     * subscriber's high-water mark.
     *
     * @return true for a batching buffer.
     */
    public boolean isBatching()
    {
        return limit == UNLIMITED;
    }

    /**
     * Stage what the kernel did not take of records of whole messages written straight from the ring: from the start
     * of the first message it took only part of (so that message can be sent again whole after a reconnect, and none
     * it took whole is), with the bytes already taken counted as written, then every record after it. Only while
     * {@link #isEmpty()}. Grows to hold them.
     *
     * @param source  holds the records (the ring).
     * @param offsets first byte of each record.
     * @param lengths bytes of each record.
     * @param first   the record the kernel took part of, or none of.
     * @param count   records in all.
     * @param taken   bytes the kernel took of record {@code first}, below its length.
     */
    public void stageRemainder(
        final DirectBuffer source,
        final int[] offsets,
        final int[] lengths,
        final int first,
        final int count,
        final int taken)
    {
        reserve();
        if (fill != 0)
        {
            throw new IllegalStateException("a remainder is staged only into an empty buffer");
        }
        final int offset = offsets[first];
        int start = 0;
        int end;
        while ((end = start + FrameDescriptor.messageLength(source, offset + start)) <= taken)
        {
            start = end;
        }
        int kept = lengths[first] - start;
        for (int i = first + 1; i < count; i++)
        {
            kept += lengths[i];
        }
        if (kept > byteBuffer.capacity())
        {
            allocate(BitUtil.findNextPositivePowerOfTwo(kept));
        }
        int position = lengths[first] - start;
        buffer.putBytes(0, source, offset + start, position);
        for (int i = first + 1; i < count; i++)
        {
            buffer.putBytes(position, source, offsets[i], lengths[i]);
            position += lengths[i];
        }
        fill = kept;
        written = taken - start;
        boundary = 0;
    }

    /**
     * After the connection died: keep the unsent messages, starting with the one the kernel took only part of,
     * at the front of the buffer, and drop commands and everything the kernel took whole.
     *
     * @return the number of bytes kept.
     */
    public int keepUnsentMessages()
    {
        if (fragmentStaged)
        {
            // Part of a large message: what went before it is gone, so it cannot be sent again whole.
            dropFragment();
            return 0;
        }
        dropOpenMessage();
        advanceBoundary();
        int read = boundary;
        int keep = 0;
        while (read < fill)
        {
            final int length = frameRunLength(read);
            if (!FrameDescriptor.isCommand(buffer.getByte(read)))
            {
                if (keep != read)
                {
                    buffer.putBytes(keep, buffer, read, length);
                }
                keep += length;
            }
            read += length;
        }
        fill = keep;
        written = 0;
        boundary = 0;
        return keep;
    }

    /**
     * Decides which of the messages kept for a new session ({@link #keepUnsentMessages()}) go instead.
     */
    @FunctionalInterface
    public interface KeptMessageFilter
    {
        /**
         * Whether a kept message describes the old session and must not be sent in the new one.
         *
         * @param buffer holds the message.
         * @param offset its first frame header.
         * @param length its encoded length (all its frames).
         * @return true to drop it.
         */
        boolean drop(DirectBuffer buffer, int offset, int length);
    }

    /**
     * At the start of a new session, before anything is written: drop the kept messages a filter names, keeping
     * the others in order (a subscriber's ZMTP 3.0 subscription messages, which the handshake's replay sends
     * again, are messages to this buffer, not commands, so {@link #keepUnsentMessages()} kept them).
     *
     * @param filter names the messages that go.
     * @return the number of messages dropped.
     */
    public int dropKept(final KeptMessageFilter filter)
    {
        if (written != 0 || fragmentStaged || openStart != NONE)
        {
            throw new IllegalStateException("kept messages are filtered only before the new session writes any");
        }
        int read = 0;
        int keep = 0;
        int dropped = 0;
        while (read < fill)
        {
            final int length = frameRunLength(read);
            if (filter.drop(buffer, read, length))
            {
                dropped++;
            }
            else
            {
                if (keep != read)
                {
                    buffer.putBytes(keep, buffer, read, length);
                }
                keep += length;
            }
            read += length;
        }
        fill = keep;
        boundary = 0;
        return dropped;
    }

    /**
     * Drop everything staged (the connection is gone for good).
     *
     * @return the number of whole messages and commands dropped, for counting.
     */
    public int clear()
    {
        if (fragmentStaged)
        {
            dropFragment();
            return 1;
        }
        int count = dropOpenMessage() ? 1 : 0;
        advanceBoundary();
        for (int position = boundary; position < fill; position += frameRunLength(position))
        {
            count++;
        }
        fill = 0;
        written = 0;
        boundary = 0;
        return count;
    }

    private boolean dropOpenMessage()
    {
        if (openStart == NONE)
        {
            return false;
        }
        // Part of a large message: it cannot be sent again whole, so it goes; what was before it stays.
        fill = openStart;
        written = Math.min(written, fill);
        openStart = NONE;
        openRemaining = 0;
        return true;
    }

    private void dropFragment()
    {
        fill = 0;
        written = 0;
        boundary = 0;
        fragmentStaged = false;
    }

    /**
     * The most unsent bytes this buffer admits: the HWM of a buffer made {@link #withPeerHwm(int, int)}, otherwise its
     * capacity (a batching buffer's bound is the room it has; what does not fit waits in the ring).
     *
     * @return bytes.
     */
    public int hwmBytes()
    {
        return limit == UNLIMITED ? byteBuffer.capacity() : limit;
    }

    /**
     * Capacity in bytes.
     *
     * @return the current capacity.
     */
    public int capacity()
    {
        return byteBuffer.capacity();
    }

    /**
     * Free the off-heap memory; the buffer must not be used afterwards.
     */
    public void free()
    {
        BufferUtil.free(byteBuffer);
        fill = 0;
        written = 0;
        openStart = NONE;
    }
}
