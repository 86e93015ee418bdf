package io.monocoque.engine.shared;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Allocates and frees the off-heap rings between application threads and the engine agent. A ring's capacity is
 * the socket's high-water mark in bytes, rounded up to a power of two as Agrona requires. Stateless.
 */
public final class Rings
{
    /** Smallest ring capacity accepted, in bytes. */
    public static final int MIN_CAPACITY = 4096;
    /** Largest ring capacity accepted, in bytes (1 GiB). */
    public static final int MAX_CAPACITY = 1 << 30;

    private Rings()
    {
    }

    /**
     * {@link OneToOneRingBuffer#controlledRead(ControlledMessageHandler, int)} that does not report an empty ring
     * when it is not: Agrona reads only up to the end of the buffer, so a read that meets the padding record of a
     * lap first consumes it alone and returns 0 although the next record waits at the start. Taken for "empty",
     * that sends a reader, or the agent, to sleep with a message queued. The ring's one consumer.
     *
     * @param ring    the ring.
     * @param handler receives the records.
     * @param limit   most records to read.
     * @return records read.
     */
    public static int controlledRead(
        final OneToOneRingBuffer ring, final ControlledMessageHandler handler, final int limit)
    {
        return controlledRead(ring, handler, limit, null);
    }

    /**
     * {@link #controlledRead(OneToOneRingBuffer, ControlledMessageHandler, int)} that opens {@code window} before
     * each read it makes, so the handler can tell the last record of each read.
     *
     * @param ring    the ring.
     * @param handler receives the records.
     * @param limit   most records to read.
     * @param window  opened for each read; null for none.
     * @return records read.
     */
    public static int controlledRead(
        final OneToOneRingBuffer ring, final ControlledMessageHandler handler, final int limit, final ReadWindow window)
    {
        final long head = ring.consumerPosition();
        final int read = readOnce(ring, handler, limit, window);
        if (read == 0 && ring.consumerPosition() != head)
        {
            return readOnce(ring, handler, limit, window); // it consumed only the lap's padding
        }
        return read;
    }

    private static int readOnce(
        final OneToOneRingBuffer ring, final ControlledMessageHandler handler, final int limit, final ReadWindow window)
    {
        if (window != null)
        {
            window.open(ring, limit);
        }
        return ring.controlledRead(handler, limit);
    }

    /**
     * {@link OneToOneRingBuffer#read(MessageHandler)} that reads on past a lap's padding record, as
     * {@link #controlledRead} does. The ring's one consumer.
     *
     * @param ring    the ring.
     * @param handler receives the records.
     * @return records read.
     */
    public static int read(final OneToOneRingBuffer ring, final MessageHandler handler)
    {
        final long head = ring.consumerPosition();
        final int read = ring.read(handler);
        if (read == 0 && ring.consumerPosition() != head)
        {
            return ring.read(handler); // it consumed only the lap's padding
        }
        return read;
    }

    /**
     * The capacity a ring will really have for a requested high-water mark.
     *
     * @param hwmBytes requested capacity in bytes.
     * @return the power of two at or above it, at least {@link #MIN_CAPACITY}.
     * @throws IllegalArgumentException if over {@link #MAX_CAPACITY} or not positive.
     */
    public static int effectiveCapacity(final long hwmBytes)
    {
        if (hwmBytes <= 0 || hwmBytes > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("HWM must be 1.." + MAX_CAPACITY + " bytes: " + hwmBytes);
        }
        return Math.max(MIN_CAPACITY, BitUtil.findNextPositivePowerOfTwo((int)hwmBytes));
    }

    /**
     * The largest record a ring of a given capacity holds (Agrona limits a record to an eighth of the capacity).
     *
     * @param capacity ring capacity.
     * @return largest record payload in bytes.
     */
    public static int maxRecordLength(final int capacity)
    {
        return capacity >> 3;
    }

    /**
     * Allocate a zeroed off-heap single-producer single-consumer ring.
     *
     * @param hwmBytes requested capacity in bytes.
     * @return the ring; free it with {@link #free(OneToOneRingBuffer)}.
     */
    public static OneToOneRingBuffer allocate(final long hwmBytes)
    {
        final int capacity = effectiveCapacity(hwmBytes);
        // A plain direct buffer (malloc'd, 16-byte aligned) rather than an aligned slice: slices cannot be freed
        // deterministically, and the ring only needs 8-byte alignment.
        final ByteBuffer memory = ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH);
        return new OneToOneRingBuffer(new UnsafeBuffer(memory));
    }

    /**
     * Free a ring's off-heap memory. No thread may touch the ring afterwards.
     *
     * @param ring the ring.
     */
    public static void free(final OneToOneRingBuffer ring)
    {
        final ByteBuffer memory = ring.buffer().byteBuffer();
        if (memory != null)
        {
            BufferUtil.free(memory);
        }
    }
}
