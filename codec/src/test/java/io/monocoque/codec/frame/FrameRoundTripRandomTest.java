package io.monocoque.codec.frame;

import io.monocoque.codec.StreamHarness;
import io.monocoque.codec.StreamHarness.Item;
import io.monocoque.codec.command.CommandType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random multipart messages (1..5 frames of 0..2000 bytes) with commands in between, encoded, cut into random
 * reads and decoded. Seeds are fixed so a failure can be replayed; each assertion names its seed.
 */
class FrameRoundTripRandomTest
{
    private static final int MESSAGES = 60;
    private static final int MAX_FRAMES = 5;
    private static final int MAX_FRAME = 2000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 0xC0FFEE, 20240601, 987654321, -7, Long.MAX_VALUE})
    void shouldRoundTripRandomMessagesThroughRandomChunks(final long seed)
    {
        final Random random = new Random(seed);
        final StreamBuilder builder = new StreamBuilder();
        for (int m = 0; m < MESSAGES; m++)
        {
            final byte[][] frames = new byte[1 + random.nextInt(MAX_FRAMES)][];
            for (int f = 0; f < frames.length; f++)
            {
                frames[f] = randomBytes(random, randomFrameSize(random));
            }
            builder.message(frames);
            if (random.nextInt(4) == 0)
            {
                builder.command(random.nextBoolean() ? CommandType.SUBSCRIBE : CommandType.CANCEL,
                    randomBytes(random, random.nextInt(300)));
            }
            if (random.nextInt(8) == 0)
            {
                builder.ping(random.nextInt(0x10000), randomBytes(random, random.nextInt(17)));
            }
        }
        final byte[] stream = builder.bytes();
        final int[] lengths = builder.itemLengths();
        final long maxMessageSize = (long)MAX_FRAMES * MAX_FRAME + 300;

        try
        {
            final FrameDecoder decoder = new FrameDecoder(maxMessageSize);
            decoder.reset(64);
            final StreamHarness harness = new StreamHarness(decoder, 16, -1).expectItemLengths(lengths);
            final int smallChunks = 1 + random.nextInt(32);
            final List<Item> items = harness.run(stream, 0,
                () -> random.nextInt(3) == 0 ? 1 + random.nextInt(smallChunks) : 1 + random.nextInt(8192));

            assertEquals(builder.expected().size(), items.size(), "seed " + seed + ": item count");
            assertEquals(builder.expected(), items, "seed " + seed);
            assertEquals(0, harness.unconsumed(), "seed " + seed);
            assertEquals(64 + stream.length, decoder.streamPosition(), "seed " + seed);
            final int largest = Arrays.stream(lengths).max().getAsInt();
            assertTrue(harness.capacity() <= Math.max(16, largest),
                "seed " + seed + ": buffer grew to " + harness.capacity() + " but the largest item is " + largest);
        }
        catch (final AssertionError | RuntimeException e)
        {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private static int randomFrameSize(final Random random)
    {
        switch (random.nextInt(5))
        {
            case 0:
                return 0;
            case 1:
                return 250 + random.nextInt(12); // around the short/long boundary
            default:
                return random.nextInt(MAX_FRAME + 1);
        }
    }

    private static byte[] randomBytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
