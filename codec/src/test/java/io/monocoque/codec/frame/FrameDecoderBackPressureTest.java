package io.monocoque.codec.frame;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameDecoderBackPressureTest
{
    private static final byte[] FIRST = wire("00 01 'a'");
    private static final byte[] SECOND = wire("01 01 'b' 00 02 'cd'");
    private static final byte[] PING = wire("04 07 04 'PING' 00 0A");
    private static final byte[] THIRD = wire("00 01 'e'");
    private static final byte[] STREAM = concat(FIRST, SECOND, PING, THIRD);

    private final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
    private final RecordingHandler handler = new RecordingHandler();

    @Test
    void shouldLeaveRefusedMessageUnconsumedAndOfferItAgain()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(STREAM);
        decoder.reset(64);

        handler.refuseNext = 0;
        final int consumedFirst = decoder.decode(buffer, 0, 3, handler);
        assertEquals(3, consumedFirst);

        handler.refuseNext = 1;
        final int consumed = decoder.decode(buffer, 3, STREAM.length - 3, handler);

        assertEquals(0, consumed, "the refused message and everything after it stay unconsumed");
        assertEquals(64 + 3, decoder.streamPosition());
        assertEquals(0, decoder.requiredLength(), "not stopped for want of bytes");
        assertEquals(List.of("message/2: 01 01 62 00 02 63 64"), handler.offers.subList(1, 2));

        final int consumedAgain = decoder.decode(buffer, 3, STREAM.length - 3, handler);

        assertEquals(STREAM.length - 3, consumedAgain);
        assertEquals(List.of(
            "message/1: 00 01 61",
            "message/2: 01 01 62 00 02 63 64",
            "message/2: 01 01 62 00 02 63 64",
            "command: 04 50 49 4e 47 00 0a",
            "message/1: 00 01 65"), handler.offers);
        assertEquals(List.of(
            "message/1: 00 01 61",
            "message/2: 01 01 62 00 02 63 64",
            "command: 04 50 49 4e 47 00 0a",
            "message/1: 00 01 65"), handler.accepted);
        assertEquals(64 + STREAM.length, decoder.streamPosition());
    }

    @Test
    void shouldReturnEndOfLastAcceptedItemWhenRefusingLater()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(STREAM);
        final RecordingHandler refuseCommand = new RecordingHandler()
        {
            @Override
            public boolean onCommand(final org.agrona.DirectBuffer b, final int offset, final int length)
            {
                offers.add("command");
                return false;
            }
        };

        final int consumed = decoder.decode(buffer, 0, STREAM.length, refuseCommand);

        assertEquals(FIRST.length + SECOND.length, consumed);
        assertEquals(List.of("message/1: 00 01 61", "message/2: 01 01 62 00 02 63 64", "command"),
            refuseCommand.offers);

        final int rest = decoder.decode(buffer, consumed, STREAM.length - consumed, handler);
        assertEquals(PING.length + THIRD.length, rest);
        assertEquals(List.of("command: 04 50 49 4e 47 00 0a", "message/1: 00 01 65"), handler.accepted);
    }

    @Test
    void shouldOfferRefusedMessageAgainAfterMoreBytesArrive()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(STREAM);
        handler.refuseNext = 1;

        assertEquals(0, decoder.decode(buffer, 0, 5, handler), "FIRST refused, SECOND incomplete");

        assertEquals(STREAM.length, decoder.decode(buffer, 0, STREAM.length, handler));
        assertEquals("message/1: 00 01 61", handler.offers.get(0));
        assertEquals("message/1: 00 01 61", handler.offers.get(1));
        assertEquals(4, handler.accepted.size());
    }
}
