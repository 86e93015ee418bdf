package io.monocoque.codec.command;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.monocoque.codec.Wire.ascii;
import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.copy;
import static io.monocoque.codec.Wire.filled;
import static io.monocoque.codec.Wire.hex;
import static io.monocoque.codec.Wire.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** RFC 23 (ZMTP 3.0) subscriptions: an ordinary one-frame message whose body is 0x01 or 0x00 then the prefix. */
class SubscriptionMessageTest
{
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);

    @Test
    void shouldEncodeSubscribeAndCancelMessages()
    {
        final UnsafeBuffer prefix = new UnsafeBuffer(ascii("topic"));

        int length = SubscriptionMessage.encode(out, 0, true, prefix, 0, 5);
        assertEquals(hex(wire("00 06 01 'topic'")), hex(copy(out, 0, length)));

        length = SubscriptionMessage.encode(out, 0, false, prefix, 0, 5);
        assertEquals(hex(wire("00 06 00 'topic'")), hex(copy(out, 0, length)));

        length = SubscriptionMessage.encode(out, 0, true, prefix, 0, 0);
        assertEquals(hex(wire("00 01 01")), hex(copy(out, 0, length)), "subscribe to everything");
    }

    @Test
    void shouldEncodeLongPrefixAsLongFrame()
    {
        final byte[] prefix = filled(300, 'p');

        final int length = SubscriptionMessage.encode(out, 0, true, new UnsafeBuffer(prefix), 0, 300);

        assertEquals(hex(concat(wire("02 00 00 00 00 00 00 01 2D 01"), prefix)), hex(copy(out, 0, length)));
    }

    @Test
    void shouldRecogniseDecodedSubscriptionMessages()
    {
        final byte[] stream = concat(wire("00 06 01 'topic'"), wire("00 06 00 'topic'"), wire("00 03 02 'ab'"),
            wire("00 00"), wire("00 01 01"));
        final List<String> seen = new ArrayList<>();
        final FrameCursor cursor = new FrameCursor();

        new FrameDecoder(FrameDecoder.UNLIMITED).decode(new UnsafeBuffer(stream), 0, stream.length, new FrameHandler()
        {
            @Override
            public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int count)
            {
                cursor.wrap(buffer, offset, length);
                assertTrue(cursor.next());
                final int body = cursor.bodyOffset();
                final int bodyLength = cursor.bodyLength();
                if (!SubscriptionMessage.isSubscription(buffer, body, bodyLength))
                {
                    seen.add("data");
                }
                else
                {
                    seen.add((SubscriptionMessage.isSubscribe(buffer, body) ? "subscribe:" : "cancel:") +
                        buffer.getStringWithoutLengthAscii(body + 1, bodyLength - 1));
                }
                return true;
            }

            @Override
            public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
            {
                return fail("no commands here");
            }
        });

        assertEquals(List.of("subscribe:topic", "cancel:topic", "data", "data", "subscribe:"), seen);
        assertFalse(SubscriptionMessage.isSubscription(new UnsafeBuffer(new byte[1]), 0, 0));
    }
}
