package io.monocoque.codec.frame;

import io.monocoque.codec.StreamHarness;
import io.monocoque.codec.StreamHarness.Item;
import io.monocoque.codec.command.CommandType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntSupplier;

import static io.monocoque.codec.Wire.ascii;
import static io.monocoque.codec.Wire.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder must find the same messages and commands however the stream is cut into reads.
 */
class FrameDecoderSplitTest
{
    private static final long START = 64; // frames follow the greeting

    private static byte[] stream;
    private static List<Item> expected;
    private static int[] itemLengths;
    private static List<Item> whole;

    @BeforeAll
    static void buildStream()
    {
        final byte[] identity = filled(255, 'I');
        final byte[] longBody = new byte[300];
        for (int i = 0; i < longBody.length; i++)
        {
            longBody[i] = (byte)(i * 7);
        }
        final StreamBuilder builder = new StreamBuilder()
            .ready("DEALER", identity)                                  // long command frame (body > 255)
            .message(ascii("hello"))                                    // single short frame
            .ping(100, ascii("ctx"))                                    // command between messages
            .message(ascii("id"), new byte[0], ascii("payload"), new byte[0]) // multipart, empty frames, empty last
            .message(longBody)                                          // long frame
            .command(CommandType.SUBSCRIBE, ascii("topic"))
            .command(CommandType.CANCEL, new byte[0])
            .message(ascii("a"), filled(256, 'L'), new byte[0])         // long frame inside multipart
            .message(new byte[0])                                       // empty single-frame message
            .message(new byte[0], new byte[0])
            .error("bye");
        stream = builder.bytes();
        expected = builder.expected();
        itemLengths = builder.itemLengths();

        whole = decode(() -> stream.length, stream.length);
    }

    private static List<Item> decode(final IntSupplier chunks, final int initialCapacity)
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        decoder.reset(START);
        final StreamHarness harness =
            new StreamHarness(decoder, initialCapacity, -1).expectItemLengths(itemLengths);
        final List<Item> items = harness.run(stream, 0, chunks);
        assertEquals(0, harness.unconsumed(), "a whole stream leaves nothing behind");
        assertEquals(START + stream.length, decoder.streamPosition());
        return items;
    }

    @Test
    void shouldDecodeWholeStreamIntoTheMessagesAndCommandsEncoded()
    {
        assertEquals(11, expected.size());
        assertEquals(expected, whole);
    }

    @Test
    void shouldDecodeTheSameAtEveryTwoChunkSplitPoint()
    {
        for (int split = 1; split < stream.length; split++)
        {
            final int first = split;
            final int[] call = {0};
            final List<Item> items = decode(() -> call[0]++ == 0 ? first : stream.length, stream.length);

            assertEquals(whole, items, "split after byte " + split);
        }
    }

    @Test
    void shouldDecodeTheSameWhenFedOneByteAtATime()
    {
        assertEquals(whole, decode(() -> 1, stream.length));
    }

    @Test
    void shouldDecodeTheSameWithBufferGrownOnlyToRequiredLength()
    {
        for (int chunk = 1; chunk <= 17; chunk++)
        {
            final int size = chunk;
            final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
            decoder.reset(START);
            final StreamHarness harness = new StreamHarness(decoder, 2, -1).expectItemLengths(itemLengths);

            assertEquals(whole, harness.run(stream, 0, () -> size), "chunk " + size);
            final int largest = java.util.Arrays.stream(itemLengths).max().getAsInt();
            assertTrue(harness.capacity() <= largest,
                "buffer grew to " + harness.capacity() + ", largest item is " + largest);
        }
    }

    @Test
    void shouldDecodeTheSameAtEveryThreeChunkSplitNearFrameBoundaries()
    {
        // All pairs of cut points inside the first 40 bytes after each item boundary would be many; cover all
        // pairs within a window that spans the READY/hello/PING boundaries.
        final int window = Math.min(stream.length, itemLengths[0] + itemLengths[1] + itemLengths[2] + 4);
        for (int a = 1; a < window; a++)
        {
            for (int b = a + 1; b < window; b++)
            {
                final int[] cuts = {a, b - a, stream.length};
                final int[] call = {0};
                final List<Item> items = decode(() -> cuts[Math.min(call[0]++, 2)], stream.length);
                assertEquals(whole, items, "cuts after bytes " + a + " and " + b);
            }
        }
    }
}
