package io.monocoque.codec;

import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.command.SubscriptionMessage;
import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameHandler;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.GreetingDescriptor;
import io.monocoque.codec.greeting.Mechanism;
import io.monocoque.codec.socket.SocketType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes bytes that real peers sent to a ZMTP 3.1 NULL handshake: libzmq 4.3.4 (Debian python3-zmq) and
 * JeroMQ 0.6.0, each as a DEALER (routing id "client-1", one message "hello") and as a SUB (subscribed to "topic").
 * The fixtures in {@code src/test/resources/captures} were recorded by {@code codec/src/test/capture} (see its
 * README); each peer was answered with a 3.1 greeting and a READY naming a compatible socket type.
 * <p>
 * What the captures show: both libraries put routing id length + 1 in the signature padding; libzmq 4.3.4 greets
 * as 3.1 and subscribes with a SUBSCRIBE command; JeroMQ 0.6.0 greets as 3.0 and subscribes with an RFC 23
 * subscription message (0x01 + prefix).
 */
class CapturedTrafficTest
{
    private static final String LIBZMQ_DEALER = "libzmq-4.3-dealer.hex";
    private static final String LIBZMQ_SUB = "libzmq-4.3-sub.hex";
    private static final String JEROMQ_DEALER = "jeromq-0.6.0-dealer.hex";
    private static final String JEROMQ_SUB = "jeromq-0.6.0-sub.hex";

    /** How the captured stream is handed to the decoders. */
    enum Feed
    {
        ALL_AT_ONCE(Integer.MAX_VALUE),
        ONE_BYTE_AT_A_TIME(1);

        final int chunkLength;

        Feed(final int chunkLength)
        {
            this.chunkLength = chunkLength;
        }
    }

    @ParameterizedTest(name = "fed {0}")
    @EnumSource(Feed.class)
    void shouldDecodeLibzmqDealerHandshake(final Feed feed)
    {
        final Decoded decoded = decode(load(LIBZMQ_DEALER), feed);

        assertGreeting(decoded, 1);
        assertEquals(2, decoded.items.size(), "READY then one message");
        assertReady(decoded.items.get(0), SocketType.DEALER, "client-1");
        assertSingleFrameMessage(decoded.items.get(1), "hello");
    }

    @ParameterizedTest(name = "fed {0}")
    @EnumSource(Feed.class)
    void shouldDecodeLibzmqSubHandshakeWithSubscribeCommand(final Feed feed)
    {
        final Decoded decoded = decode(load(LIBZMQ_SUB), feed);

        assertGreeting(decoded, 1);
        assertEquals(2, decoded.items.size(), "READY then SUBSCRIBE");
        assertReady(decoded.items.get(0), SocketType.SUB, null);

        final Item subscribe = decoded.items.get(1);
        assertTrue(subscribe.command, "libzmq 4.3.4 subscribes a 3.1 peer with a command, not a message");
        final CommandFlyweight command = subscribe.command();
        assertEquals(CommandType.SUBSCRIBE, command.type());
        assertEquals("topic", ascii(command.buffer(), command.dataOffset(), command.dataLength()));
    }

    @ParameterizedTest(name = "fed {0}")
    @EnumSource(Feed.class)
    void shouldDecodeJeromqDealerHandshake(final Feed feed)
    {
        final Decoded decoded = decode(load(JEROMQ_DEALER), feed);

        assertGreeting(decoded, 0);
        assertEquals(2, decoded.items.size(), "READY then one message");
        assertReady(decoded.items.get(0), SocketType.DEALER, "client-1");
        assertSingleFrameMessage(decoded.items.get(1), "hello");
    }

    @ParameterizedTest(name = "fed {0}")
    @EnumSource(Feed.class)
    void shouldDecodeJeromqSubHandshakeWithZmtp30SubscriptionMessage(final Feed feed)
    {
        final Decoded decoded = decode(load(JEROMQ_SUB), feed);

        assertGreeting(decoded, 0);
        assertTrue(decoded.zmtp30, "JeroMQ 0.6.0 greets as ZMTP 3.0");
        assertEquals(2, decoded.items.size(), "READY then the subscription message");
        assertReady(decoded.items.get(0), SocketType.SUB, null);

        final Item subscription = decoded.items.get(1);
        assertFalse(subscription.command, "JeroMQ 0.6.0 subscribes with an RFC 23 message, not a SUBSCRIBE command");
        assertEquals(1, subscription.frameCount);
        final FrameCursor cursor = subscription.cursor();
        assertTrue(cursor.next());
        assertFalse(cursor.hasMore());
        assertTrue(SubscriptionMessage.isSubscription(cursor.buffer(), cursor.bodyOffset(), cursor.bodyLength()));
        assertTrue(SubscriptionMessage.isSubscribe(cursor.buffer(), cursor.bodyOffset()));
        assertEquals("topic", ascii(cursor.buffer(), cursor.bodyOffset() + 1, cursor.bodyLength() - 1));
        assertFalse(cursor.next());
    }

    @Test
    void realPeersShouldWriteRoutingIdLengthPlusOneIntoSignaturePadding()
    {
        // RFC 23 calls bytes 1..8 "not significant"; libzmq and JeroMQ put a ZMTP 1.0 length there (routing id
        // length + 1, big-endian), so a decoder that insists on zeros refuses every real peer.
        assertSignaturePadding(load(LIBZMQ_DEALER), 9);
        assertSignaturePadding(load(JEROMQ_DEALER), 9);
        assertSignaturePadding(load(LIBZMQ_SUB), 1);
        assertSignaturePadding(load(JEROMQ_SUB), 1);
    }

    private static void assertSignaturePadding(final byte[] capture, final long expected)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(capture);
        assertEquals(expected, buffer.getLong(1, ByteOrder.BIG_ENDIAN));
    }

    private static void assertGreeting(final Decoded decoded, final int expectedMinor)
    {
        assertEquals(3, decoded.versionMajor);
        assertEquals(expectedMinor, decoded.versionMinor);
        assertEquals(expectedMinor == 0, decoded.zmtp30);
        assertEquals(Mechanism.NULL, decoded.mechanism);
        assertEquals("NULL", decoded.mechanismName);
        assertFalse(decoded.asServer, "a NULL client is never the mechanism server");
    }

    private static void assertReady(final Item item, final SocketType expectedType, final String expectedIdentity)
    {
        assertTrue(item.command, "the first item after the greeting is a command");
        final CommandFlyweight command = item.command();
        assertEquals(CommandType.READY, command.type());

        final MetadataReader metadata = new MetadataReader().wrap(command.buffer(), command.dataOffset(),
            command.dataLength());
        assertTrue(metadata.find("Socket-Type"), "READY carries Socket-Type");
        assertEquals(expectedType,
            SocketType.fromWireName(metadata.buffer(), metadata.valueOffset(), metadata.valueLength()));

        if (expectedIdentity != null)
        {
            assertTrue(metadata.find("Identity"), "READY carries the routing id as Identity");
            assertTrue(metadata.valueEquals(expectedIdentity), () -> "Identity is " + metadata.valueAsString());
        }
        else
        {
            assertFalse(metadata.find("Identity"), "no routing id set, none sent");
        }

        int properties = 0;
        metadata.rewind();
        while (metadata.next())
        {
            properties++;
        }
        assertEquals(expectedIdentity != null ? 2 : 1, properties, "no other metadata");
    }

    private static void assertSingleFrameMessage(final Item item, final String expectedBody)
    {
        assertFalse(item.command, "the message is not a command");
        assertEquals(1, item.frameCount);
        final FrameCursor cursor = item.cursor();
        assertTrue(cursor.next());
        assertFalse(cursor.hasMore());
        assertEquals(expectedBody, ascii(cursor.buffer(), cursor.bodyOffset(), cursor.bodyLength()));
        assertFalse(cursor.next());
    }

    private static String ascii(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthAscii(offset, length);
    }

    /**
     * Run the captured stream through a GreetingDecoder then a FrameDecoder in chunks, keeping the unconsumed tail
     * between calls as a transport would, and check the decoders account for every byte.
     */
    private static Decoded decode(final byte[] stream, final Feed feed)
    {
        final GreetingDecoder greetingDecoder = new GreetingDecoder();
        final FrameDecoder frameDecoder = new FrameDecoder(1024 * 1024);
        frameDecoder.reset(GreetingDescriptor.GREETING_LENGTH);
        final Recorder recorder = new Recorder();

        final byte[] pending = new byte[stream.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(pending);
        int pendingLength = 0;
        int fed = 0;
        while (fed < stream.length)
        {
            final int chunk = Math.min(feed.chunkLength, stream.length - fed);
            System.arraycopy(stream, fed, pending, pendingLength, chunk);
            pendingLength += chunk;
            fed += chunk;

            int consumed = 0;
            if (!greetingDecoder.isComplete())
            {
                consumed += greetingDecoder.decode(buffer, 0, pendingLength);
            }
            if (greetingDecoder.isComplete() && consumed < pendingLength)
            {
                consumed += frameDecoder.decode(buffer, consumed, pendingLength - consumed, recorder);
                final int left = pendingLength - consumed;
                if (left > 0)
                {
                    assertTrue(frameDecoder.requiredLength() > left,
                        "decoder stopped with " + left + " bytes left but asks for only " +
                        frameDecoder.requiredLength());
                }
            }
            System.arraycopy(pending, consumed, pending, 0, pendingLength - consumed);
            pendingLength -= consumed;
        }

        assertTrue(greetingDecoder.isComplete(), "whole greeting decoded");
        assertEquals(0, pendingLength, "every captured byte belongs to a complete item");
        assertEquals(stream.length, frameDecoder.streamPosition());

        return new Decoded(greetingDecoder, recorder.items);
    }

    private static byte[] load(final String name)
    {
        final String resource = "/captures/" + name;
        try (InputStream in = CapturedTrafficTest.class.getResourceAsStream(resource))
        {
            assertNotNull(in, () -> resource + " is not on the test classpath");
            final StringBuilder hex = new StringBuilder();
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null)
            {
                final String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#"))
                {
                    hex.append(trimmed);
                }
            }
            final byte[] bytes = HexFormat.of().parseHex(hex);
            assertTrue(bytes.length > GreetingDescriptor.GREETING_LENGTH, () -> resource + " is too short");
            return bytes;
        }
        catch (final IOException e)
        {
            throw new AssertionError("cannot read " + resource, e);
        }
    }

    private static final class Decoded
    {
        final int versionMajor;
        final int versionMinor;
        final boolean zmtp30;
        final Mechanism mechanism;
        final String mechanismName;
        final boolean asServer;
        final List<Item> items;

        Decoded(final GreetingDecoder greeting, final List<Item> items)
        {
            this.versionMajor = greeting.versionMajor();
            this.versionMinor = greeting.versionMinor();
            this.zmtp30 = greeting.isZmtp30();
            this.mechanism = greeting.mechanism();
            this.mechanismName = greeting.mechanismName();
            this.asServer = greeting.asServer();
            this.items = items;
        }
    }

    /** A decoded command (its body) or message (its frames, headers included), copied out of the decoder's view. */
    private static final class Item
    {
        final boolean command;
        final byte[] bytes;
        final int frameCount;

        Item(final boolean command, final byte[] bytes, final int frameCount)
        {
            this.command = command;
            this.bytes = bytes;
            this.frameCount = frameCount;
        }

        CommandFlyweight command()
        {
            return new CommandFlyweight().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        }

        FrameCursor cursor()
        {
            return new FrameCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        }
    }

    private static final class Recorder implements FrameHandler
    {
        final List<Item> items = new ArrayList<>();

        @Override
        public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
        {
            items.add(new Item(false, copy(buffer, offset, length), frameCount));
            return true;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            items.add(new Item(true, copy(buffer, offset, length), 0));
            return true;
        }

        private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            return copy;
        }
    }
}
