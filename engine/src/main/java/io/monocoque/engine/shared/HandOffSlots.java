package io.monocoque.engine.shared;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The buffers a socket's receive ring lends by reference: a message too large for one ring record is not copied
 * into fragment records, but left where the connection read it, and the connection's whole read buffer is handed to
 * the application in a {@link MessageRecord#MSG_TYPE_HAND_OFF} record naming a slot here. The connection goes on
 * reading into the buffer the slot held before, which the application handed back when it had read the message that
 * last went through the slot: so a stream of large messages ping-pongs between a few buffers, with no copy in user
 * space on the way to the application and no allocation once each slot has a buffer.
 * <p>
 * <b>Threads.</b> The engine agent (the ring's producer) lends: it finds a {@link #FREE} slot, swaps its buffer
 * with {@link #lend} and then commits the record, whose commit publishes the buffer reference. The application
 * thread (the ring's consumer) reads the buffer named in the record, and {@link #release}s the slot when it has
 * finished with the message; that ordered write publishes "no longer read" to the agent, which may then give the
 * buffer to a connection to read into. Each slot's buffer reference is written only by the agent, and only while
 * the slot is free or at the lend; its state alternates between the two threads, one write each.
 * <p>
 * <b>Memory.</b> The buffers are direct buffers freed by the garbage collector, never explicitly: a socket closed
 * from another thread while its reader still holds a lent message can never make that reader touch freed memory.
 * With every slot lent, a large message falls back to fragment records and a large batch to a copy into the ring, so
 * at most {@link #count()} read buffers' worth of messages wait outside the ring (and its HWM) per socket.
 */
public final class HandOffSlots
{
    /** A slot whose buffer, if any, the agent may give to a connection. */
    public static final int FREE = 0;
    /** A slot whose buffer holds a message the application has not finished reading. */
    public static final int LENT = 1;
    /** {@link #freeSlot()} found every slot lent. */
    public static final int NO_SLOT = -1;
    /** Slots per socket: two let the connection read the next large message while the application reads one. */
    public static final int DEFAULT_COUNT = 2;

    private final ByteBuffer[] buffers;
    private final AtomicIntegerArray states;

    /**
     * Create the slots of one receive ring, all free and empty.
     *
     * @param count number of slots (positive).
     */
    public HandOffSlots(final int count)
    {
        if (count <= 0)
        {
            throw new IllegalArgumentException("slot count must be positive: " + count);
        }
        this.buffers = new ByteBuffer[count];
        this.states = new AtomicIntegerArray(count);
    }

    /**
     * Number of slots.
     *
     * @return the count.
     */
    public int count()
    {
        return buffers.length;
    }

    /**
     * A slot the application has handed back. Agent thread.
     *
     * @return its index, or {@link #NO_SLOT} if every slot is lent.
     */
    public int freeSlot()
    {
        for (int i = 0; i < buffers.length; i++)
        {
            if (states.get(i) == FREE)
            {
                return i;
            }
        }
        return NO_SLOT;
    }

    /**
     * Lend {@code buffer} through a free slot and take back the buffer the slot held. Agent thread, before it
     * commits the record naming the slot (the commit publishes the reference).
     *
     * @param slot   a slot {@link #freeSlot()} returned.
     * @param buffer the buffer holding the message; the agent must not write to it again until it comes back.
     * @return the slot's previous buffer, which the application no longer reads, or null the first time.
     */
    public ByteBuffer lend(final int slot, final ByteBuffer buffer)
    {
        final ByteBuffer previous = buffers[slot];
        buffers[slot] = buffer;
        states.lazySet(slot, LENT);
        return previous;
    }

    /**
     * The buffer a record names. Application thread, after reading the record.
     *
     * @param slot the slot in the record.
     * @return the lent buffer.
     */
    public ByteBuffer buffer(final int slot)
    {
        return buffers[slot];
    }

    /**
     * The application has finished with the message in the slot's buffer: the agent may reuse it. Application
     * thread; it must not touch the buffer afterwards.
     *
     * @param slot the slot in the record.
     */
    public void release(final int slot)
    {
        states.lazySet(slot, FREE);
    }

    /**
     * A slot's state, for tests and diagnostics. Any thread.
     *
     * @param slot the slot.
     * @return {@link #FREE} or {@link #LENT}.
     */
    public int state(final int slot)
    {
        return states.get(slot);
    }
}
