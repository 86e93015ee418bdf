package io.monocoque.codec;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test harness that drives a {@link FrameDecoder} the way a connection does: it reads the stream into a buffer of
 * limited capacity (at most the room left, in chunks chosen by the test), calls decode, compacts the unconsumed
 * tail to the front, and grows its buffer only when {@link FrameDecoder#requiredLength()} asks for more room.
 * After every decode it checks the decoder's contract: consumed bytes within range, stream position in step, and
 * for an incomplete message {@code requiredLength() > unconsumed} (otherwise a caller that only grows to
 * requiredLength could stall), bounded by the caller's limit and, when known, by the real length of the next item.
 */
public final class StreamHarness
{
    private final FrameDecoder decoder;
    private final long requiredLengthLimitBeyondPending;
    private final List<Item> items = new ArrayList<>();
    private final FrameCursor cursor = new FrameCursor();
    private final long basePosition;
    private int[] expectedItemLengths;
    private Consumer<Item> itemHook = item -> {};
    private byte[] storage;
    private UnsafeBuffer view;
    private int capacity;
    private int pending;
    private long consumedTotal;
    private int maxCapacity;
    private int decodeCalls;

    /**
     * @param decoder                          decoder under test, already reset to its start position.
     * @param initialCapacity                  starting buffer capacity.
     * @param requiredLengthLimitBeyondPending largest acceptable {@code requiredLength() - unconsumed}, or -1.
     */
    public StreamHarness(
        final FrameDecoder decoder, final int initialCapacity, final long requiredLengthLimitBeyondPending)
    {
        this.decoder = decoder;
        this.requiredLengthLimitBeyondPending = requiredLengthLimitBeyondPending;
        this.basePosition = decoder.streamPosition();
        this.capacity = Math.max(1, initialCapacity);
        this.storage = new byte[capacity];
        this.view = new UnsafeBuffer(storage);
    }

    /** Encoded length (header included) of each item the stream holds, to bound requiredLength(). */
    public StreamHarness expectItemLengths(final int[] lengths)
    {
        this.expectedItemLengths = lengths;
        return this;
    }

    /** Called with every decoded item, inside the handler. */
    public StreamHarness onItem(final Consumer<Item> hook)
    {
        this.itemHook = hook;
        return this;
    }

    /**
     * Feed {@code stream[from..]} through the decoder.
     *
     * @param chunks sizes of successive reads (each at least 1; a read is also limited by the room in the buffer).
     * @return the decoded items, in order.
     */
    public List<Item> run(final byte[] stream, final int from, final IntSupplier chunks)
    {
        int position = from;
        while (true)
        {
            final int room = capacity - pending;
            final int remaining = stream.length - position;
            if (remaining == 0)
            {
                return items;
            }
            if (room == 0)
            {
                fail("harness stalled: buffer of " + capacity + " bytes is full of an incomplete message and " +
                    "requiredLength() is " + decoder.requiredLength());
            }
            final int n = Math.min(Math.max(1, chunks.getAsInt()), Math.min(room, remaining));
            System.arraycopy(stream, position, storage, pending, n);
            position += n;
            pending += n;
            decodeOnce();
        }
    }

    private void decodeOnce()
    {
        decodeCalls++;
        final int consumed = decoder.decode(view, 0, pending, handler);
        assertTrue(consumed >= 0 && consumed <= pending, "consumed " + consumed + " of " + pending);
        System.arraycopy(storage, consumed, storage, 0, pending - consumed);
        pending -= consumed;
        consumedTotal += consumed;
        assertEquals(basePosition + consumedTotal, decoder.streamPosition(), "stream position");

        final int required = decoder.requiredLength();
        if (pending == 0)
        {
            assertEquals(0, required, "requiredLength() with nothing left unconsumed");
            return;
        }
        assertTrue(required > pending,
            "requiredLength() " + required + " must exceed the " + pending +
            " unconsumed bytes of an incomplete message");
        if (requiredLengthLimitBeyondPending >= 0)
        {
            assertTrue(required - pending <= requiredLengthLimitBeyondPending,
                "requiredLength() " + required + " with " + pending + " unconsumed is over the limit");
        }
        if (expectedItemLengths != null && items.size() < expectedItemLengths.length)
        {
            assertTrue(required <= expectedItemLengths[items.size()],
                "requiredLength() " + required + " is more than item " + items.size() + "'s real length " +
                expectedItemLengths[items.size()]);
        }
        if (required > capacity)
        {
            capacity = required;
            maxCapacity = Math.max(maxCapacity, capacity);
            if (storage.length < capacity)
            {
                storage = Arrays.copyOf(storage, capacity);
                view = new UnsafeBuffer(storage);
            }
        }
    }

    private final FrameHandler handler = new FrameHandler()
    {
        @Override
        public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
        {
            assertTrue(frameCount >= 1, "frameCount " + frameCount);
            final List<byte[]> bodies = new ArrayList<>(frameCount);
            cursor.wrap(buffer, offset, length);
            while (cursor.next())
            {
                assertEquals(bodies.size(), cursor.index());
                bodies.add(Wire.copy(cursor.buffer(), cursor.bodyOffset(), cursor.bodyLength()));
                final boolean last = cursor.nextFrameOffset() == offset + length;
                assertEquals(!last, cursor.hasMore(), "MORE flag of frame " + cursor.index());
            }
            assertEquals(frameCount, bodies.size(), "frameCount vs frames walked by FrameCursor");
            final Item item = Item.message(Wire.copy(buffer, offset, length), bodies);
            items.add(item);
            itemHook.accept(item);
            return true;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            final Item item = Item.command(Wire.copy(buffer, offset, length));
            items.add(item);
            itemHook.accept(item);
            return true;
        }
    };

    public List<Item> items()
    {
        return items;
    }

    public int unconsumed()
    {
        return pending;
    }

    public int capacity()
    {
        return capacity;
    }

    public int maxCapacity()
    {
        return maxCapacity;
    }

    public int decodeCalls()
    {
        return decodeCalls;
    }

    /** A decoded message (whole encoding plus frame bodies) or command (its body). */
    public static final class Item
    {
        public final boolean command;
        public final byte[] bytes;
        public final List<byte[]> frames;

        private Item(final boolean command, final byte[] bytes, final List<byte[]> frames)
        {
            this.command = command;
            this.bytes = bytes;
            this.frames = frames;
        }

        public static Item message(final byte[] encoded, final List<byte[]> bodies)
        {
            assertFalse(bodies.isEmpty());
            return new Item(false, encoded, List.copyOf(bodies));
        }

        public static Item command(final byte[] body)
        {
            return new Item(true, body, List.of());
        }

        @Override
        public boolean equals(final Object o)
        {
            if (!(o instanceof Item))
            {
                return false;
            }
            final Item other = (Item)o;
            if (command != other.command || !Arrays.equals(bytes, other.bytes) || frames.size() != other.frames.size())
            {
                return false;
            }
            for (int i = 0; i < frames.size(); i++)
            {
                if (!Arrays.equals(frames.get(i), other.frames.get(i)))
                {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString()
        {
            final String hex = Wire.hex(bytes.length > 24 ? Arrays.copyOf(bytes, 24) : bytes);
            return (command ? "command" : "message[" + frames.size() + " frames]") + "(" + bytes.length + " bytes: " +
                hex + (bytes.length > 24 ? " ..." : "") + ")";
        }
    }
}
