package io.monocoque.codec;

import io.monocoque.codec.StreamHarness.Item;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.command.SubscriptionMessage;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.StreamBuilder;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.GreetingEncoder;
import io.monocoque.codec.greeting.Mechanism;
import io.monocoque.codec.socket.SocketType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.monocoque.codec.Wire.ascii;
import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Valid connections (greeting, READY, messages, commands) corrupted at random: bytes flipped or overwritten, the
 * stream truncated, random bytes inserted. Each corrupted stream is fed in random chunks through a GreetingDecoder,
 * a FrameDecoder with a 1 MiB limit driven by a caller that grows its buffer only to requiredLength(), and every
 * command through CommandFlyweight (MetadataReader for READY). A run may end only in a ZmtpProtocolException or
 * in valid items: any other exception (IndexOutOfBoundsException, NegativeArraySizeException...), a broken
 * requiredLength() contract, or a hang fails the test. Run more with {@code -Dmonocoque.mutation.runs=N}.
 */
class CorruptedStreamMutationTest
{
    private static final long SEED = 0x5EED_2024L;
    private static final int RUNS = Integer.getInteger("monocoque.mutation.runs", 5_000);
    private static final long MAX_MESSAGE_SIZE = 1024 * 1024;
    private static final byte[] INTERESTING = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x7F,
        (byte)0x80, (byte)0xFF, (byte)0xFE, 0x10, 0x20};

    private final byte[][] baseStreams = {dealerConnection(), subscriberConnection(), heartbeatConnection()};

    private static byte[] greeting(final int minor)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        GreetingEncoder.encode(buffer, 0, Mechanism.NULL, false);
        buffer.putByte(11, (byte)minor);
        return buffer.byteArray();
    }

    private static byte[] dealerConnection()
    {
        final byte[] big = new byte[1500];
        new Random(1).nextBytes(big);
        return concat(greeting(1), new StreamBuilder()
            .ready("DEALER", ascii("client-1"))
            .message(ascii("hello"))
            .message(ascii("id"), new byte[0], big, ascii("tail"))
            .message(filled(300, 'L'))
            .message(new byte[0])
            .command(CommandType.SUBSCRIBE, ascii("x"))
            .message(ascii("a"), ascii("b"))
            .bytes());
    }

    private static byte[] subscriberConnection()
    {
        return concat(greeting(0), new StreamBuilder()
            .ready("SUB", new byte[0])
            .message(concat(new byte[] {SubscriptionMessage.SUBSCRIBE}, ascii("topic")))
            .message(concat(new byte[] {SubscriptionMessage.CANCEL}, ascii("topic")))
            .message(concat(new byte[] {SubscriptionMessage.SUBSCRIBE}, filled(280, 't')))
            .message(ascii("topic payload"))
            .bytes());
    }

    private static byte[] heartbeatConnection()
    {
        return concat(greeting(1), new StreamBuilder()
            .ready("ROUTER", filled(255, 'r'))
            .ping(50, ascii("0123456789abcdef"))
            .command(CommandType.PONG, ascii("ctx"))
            .command(CommandType.SUBSCRIBE, ascii("news."))
            .command(CommandType.CANCEL, ascii("news."))
            .message(ascii("k"), filled(256, 'v'))
            .error("shutting down")
            .bytes());
    }

    @Test
    void shouldEndEveryCorruptedStreamInProtocolErrorOrValidFrames()
    {
        final Map<ZmtpError, Integer> errors = new EnumMap<>(ZmtpError.class);
        final int[] clean = {0};
        final int[] itemsDecoded = {0};

        assertTimeoutPreemptively(Duration.ofSeconds(45), () ->
        {
            final Random random = new Random(SEED);
            for (int run = 0; run < RUNS; run++)
            {
                final byte[] base = baseStreams[random.nextInt(baseStreams.length)];
                final byte[] mutated = mutate(random, base);
                final long chunkSeed = random.nextLong();
                try
                {
                    itemsDecoded[0] += decode(mutated, new Random(chunkSeed));
                    clean[0]++;
                }
                catch (final ZmtpProtocolException e)
                {
                    errors.merge(e.error(), 1, Integer::sum);
                    assertTrue(e.offset() >= ZmtpProtocolException.NO_OFFSET && e.offset() <= mutated.length,
                        "offset " + e.offset() + " outside a " + mutated.length + "-byte stream");
                }
                catch (final Throwable t)
                {
                    throw new AssertionError("seed " + SEED + ", run " + run + " (chunk seed " + chunkSeed + "): " +
                        t + "\nstream: " + Wire.hex(mutated), t);
                }
            }
        }, "seed " + SEED);

        System.out.println("mutation runs " + RUNS + " (seed " + SEED + "): " + clean[0] + " clean, " +
            itemsDecoded[0] + " items decoded, refused " + errors);
        // The corruption must actually reach the decoders' checks, or this test proves nothing.
        final int failed = errors.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(RUNS, failed + clean[0]);
        assertTrue(clean[0] > RUNS / 20, "seed " + SEED + ": only " + clean[0] + " runs decoded cleanly");
        assertTrue(failed > RUNS / 4, "seed " + SEED + ": only " + failed + " runs were refused: " + errors);
        assertTrue(errors.size() >= 6, "seed " + SEED + ": error kinds seen " + errors);
        assertTrue(itemsDecoded[0] > RUNS, "seed " + SEED + ": " + itemsDecoded[0] + " items decoded");
    }

    /** Feed a stream to the decoders in random chunks; returns the number of items decoded. */
    private static int decode(final byte[] stream, final Random chunks)
    {
        final int maxChunk = chunks.nextInt(4) == 0 ? 1 + chunks.nextInt(3) : 1 + chunks.nextInt(700);
        final UnsafeBuffer input = new UnsafeBuffer(stream);
        final GreetingDecoder greeting = new GreetingDecoder();
        int position = 0;
        while (!greeting.isComplete() && position < stream.length)
        {
            final int n = Math.min(stream.length - position, 1 + chunks.nextInt(maxChunk));
            final int consumed = greeting.decode(input, position, n);
            assertTrue(consumed >= 0 && consumed <= n);
            position += consumed;
        }
        if (!greeting.isComplete())
        {
            return 0;
        }
        assertEquals(64, position);
        if (greeting.mechanism() == Mechanism.UNKNOWN)
        {
            assertTrue(!greeting.mechanismName().isEmpty());
        }

        final FrameDecoder frames = new FrameDecoder(MAX_MESSAGE_SIZE);
        frames.reset(64);
        final StreamHarness harness =
            new StreamHarness(frames, 64, MAX_MESSAGE_SIZE + FrameDescriptor.LONG_HEADER_LENGTH)
                .onItem(CorruptedStreamMutationTest::inspect);
        final List<Item> items = harness.run(stream, position, () -> 1 + chunks.nextInt(maxChunk));
        assertTrue(harness.capacity() <= MAX_MESSAGE_SIZE + stream.length + FrameDescriptor.LONG_HEADER_LENGTH,
            "buffer grew to " + harness.capacity());
        return items.size();
    }

    /** Parse a decoded item as a connection would; the flyweights see exactly-sized buffers. */
    private static void inspect(final Item item)
    {
        final UnsafeBuffer body = new UnsafeBuffer(item.bytes);
        if (!item.command)
        {
            final byte[] first = item.frames.get(0);
            if (item.frames.size() == 1 && SubscriptionMessage.isSubscription(new UnsafeBuffer(first), 0, first.length))
            {
                SubscriptionMessage.isSubscribe(new UnsafeBuffer(first), 0);
            }
            return;
        }

        final CommandFlyweight command = new CommandFlyweight().wrap(body, 0, item.bytes.length);
        assertTrue(command.dataOffset() + command.dataLength() == item.bytes.length);
        switch (command.type())
        {
            case READY:
                final MetadataReader metadata =
                    new MetadataReader().wrap(command.buffer(), command.dataOffset(), command.dataLength());
                while (metadata.next())
                {
                    metadata.name();
                    metadata.valueAsString();
                }
                if (metadata.find("Socket-Type"))
                {
                    SocketType.fromWireName(metadata.buffer(), metadata.valueOffset(), metadata.valueLength());
                }
                break;
            case PING:
                command.pingTtlDeciseconds();
                assertTrue(command.pingContextLength() >= 0 && command.pingContextLength() <= 16);
                break;
            case ERROR:
                command.errorReason();
                break;
            default:
                command.name();
                break;
        }
    }

    private static byte[] mutate(final Random random, final byte[] base)
    {
        byte[] bytes = base.clone();
        final int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && bytes.length > 0; m++)
        {
            // Most corruption goes after the greeting, or nearly every run would stop there.
            final int from = random.nextInt(10) == 0 ? 0 : Math.min(64, bytes.length - 1);
            final int at = from + random.nextInt(bytes.length - from);
            switch (random.nextInt(6))
            {
                case 0:
                    bytes[at] = (byte)random.nextInt(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.nextInt(8));
                    break;
                case 2:
                    bytes[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    break;
                case 3:
                    bytes = Arrays.copyOf(bytes, at);
                    break;
                case 4:
                {
                    final byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    bytes = concat(Arrays.copyOf(bytes, at), inserted, Arrays.copyOfRange(bytes, at, bytes.length));
                    break;
                }
                default:
                {
                    // overwrite a run of bytes, e.g. a whole size field
                    final int length = Math.min(bytes.length - at, 1 + random.nextInt(9));
                    for (int i = 0; i < length; i++)
                    {
                        bytes[at + i] = INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                    break;
                }
            }
        }
        return bytes;
    }
}
