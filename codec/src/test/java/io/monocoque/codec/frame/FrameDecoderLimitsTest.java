package io.monocoque.codec.frame;

import io.monocoque.codec.MessageTooLargeException;
import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.filled;
import static io.monocoque.codec.Wire.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderLimitsTest
{
    private static final long MIB = 1024 * 1024;

    private final RecordingHandler handler = new RecordingHandler();

    private static UnsafeBuffer buffer(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes);
    }

    @Test
    void shouldRejectHugeLongFrameFromItsNineByteHeaderAlone()
    {
        final FrameDecoder decoder = new FrameDecoder(MIB);
        decoder.reset(64);
        final byte[] header = wire("02 00 00 00 01 00 00 00 00"); // 4 GiB announced, no body sent

        final MessageTooLargeException e =
            assertThrows(MessageTooLargeException.class, () -> decoder.decode(buffer(header), 0, 9, handler));

        assertEquals(ZmtpError.MESSAGE_TOO_LARGE, e.error());
        assertEquals(64, e.offset());
        assertEquals(1L << 32, e.declaredSize());
        assertEquals(MIB, e.maxMessageSize());
        assertTrue(handler.offers.isEmpty());
    }

    @Test
    void shouldRejectShortFrameOverLimitFromItsHeader()
    {
        final FrameDecoder decoder = new FrameDecoder(10);

        final MessageTooLargeException e =
            assertThrows(MessageTooLargeException.class, () -> decoder.decode(buffer(wire("00 0B")), 0, 2, handler));

        assertEquals(11, e.declaredSize());
        assertEquals(0, e.offset());
    }

    @Test
    void shouldAcceptMessageExactlyAtLimit()
    {
        final FrameDecoder decoder = new FrameDecoder(10);
        final byte[] stream = concat(wire("01 04 'abcd'"), wire("01 00"), wire("00 06 'efghij'"));

        assertEquals(stream.length, decoder.decode(buffer(stream), 0, stream.length, handler));
        assertEquals(1, handler.accepted.size());
    }

    @Test
    void shouldCountAllFramesOfAMultipartMessageAgainstLimit()
    {
        final FrameDecoder decoder = new FrameDecoder(1000);
        decoder.reset(100);
        final byte[] first = concat(wire("03 00 00 00 00 00 00 02 58"), filled(600, 'a')); // 600, MORE
        final byte[] secondHeader = wire("02 00 00 00 00 00 00 01 F4");                    // 500: 1100 in all
        final byte[] stream = concat(first, secondHeader);

        assertEquals(0, decoder.decode(buffer(stream), 0, first.length, handler), "first frame alone is fine");
        assertEquals(first.length + 2, decoder.requiredLength());

        final MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
            () -> decoder.decode(buffer(stream), 0, stream.length, handler));

        assertEquals(1100, e.declaredSize());
        assertEquals(100 + first.length, e.offset(), "stream offset of the header that crossed the limit");
    }

    @Test
    void shouldApplyLimitPerMessageNotPerStream()
    {
        final FrameDecoder decoder = new FrameDecoder(5);
        final byte[] stream = concat(wire("00 05 'abcde'"), wire("00 05 'fghij'"), wire("00 05 'klmno'"));

        assertEquals(stream.length, decoder.decode(buffer(stream), 0, stream.length, handler));
        assertEquals(3, handler.accepted.size());
    }

    @Test
    void shouldAllowOnlyEmptyMessagesWithZeroLimit()
    {
        final FrameDecoder decoder = new FrameDecoder(0);

        assertEquals(4, decoder.decode(buffer(wire("01 00 00 00")), 0, 4, handler));
        assertThrows(MessageTooLargeException.class, () -> decoder.decode(buffer(wire("00 01 'a'")), 0, 3, handler));
    }

    @ParameterizedTest
    @ValueSource(longs = {FrameDecoder.UNLIMITED, 1024 * 1024})
    void shouldReportSizeWithTopBitSetAsFrameTooLarge(final long maxMessageSize)
    {
        final FrameDecoder decoder = new FrameDecoder(maxMessageSize);
        final byte[] header = wire("02 80 00 00 00 00 00 00 05");

        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(header), 0, 9, handler));

        assertSame(ZmtpProtocolException.class, e.getClass(), "not a MessageTooLargeException or anything else");
        assertEquals(ZmtpError.FRAME_TOO_LARGE, e.error());
        assertEquals(0, e.offset());
    }

    @Test
    void shouldReportSizeOverTwoGibAsFrameTooLargeWhenUnlimited()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        for (final String header : new String[] {"02 00 00 00 00 80 00 00 00", "02 00 00 01 00 00 00 00 00",
            "02 7F FF FF FF FF FF FF FF", "02 00 00 00 00 7F FF FF FF"})
        {
            final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(buffer(wire(header)), 0, 9, handler), header);

            assertSame(ZmtpProtocolException.class, e.getClass(), header);
            assertEquals(ZmtpError.FRAME_TOO_LARGE, e.error(), header);
        }
    }

    @Test
    void shouldRejectMessageWhoseEncodingWouldNotFitAJavaArray()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        // Two frames of 1.5 GiB each: each fits an int, the message does not.
        final byte[] first = wire("03 00 00 00 00 60 00 00 00");
        final byte[] stream = concat(first, filled(32, 0));

        assertEquals(0, decoder.decode(buffer(stream), 0, 9, handler));
        assertEquals(9 + 0x60000000, decoder.requiredLength());

        // Pretend the body has arrived by wrapping a sparse region: only the headers are read.
        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(sparseMessage(), 0, 9 + 0x60000000 + 9, handler));
        assertEquals(ZmtpError.FRAME_TOO_LARGE, e.error());
        assertEquals(9 + 0x60000000, e.offset());
    }

    /** A buffer that claims to hold 1.5 GiB + 18 bytes but only materialises the two frame headers. */
    private static org.agrona.DirectBuffer sparseMessage()
    {
        final UnsafeBuffer header = new UnsafeBuffer(new byte[9]);
        header.putBytes(0, wire("03 00 00 00 00 60 00 00 00"));
        final byte[] second = wire("02 00 00 00 00 60 00 00 00");
        return new UnsafeBuffer(new byte[0])
        {
            @Override
            public byte getByte(final int index)
            {
                if (index < 9)
                {
                    return header.getByte(index);
                }
                return second[index - 9 - 0x60000000];
            }

            @Override
            public long getLong(final int index, final java.nio.ByteOrder order)
            {
                final UnsafeBuffer source = index < 9 ? header : new UnsafeBuffer(second);
                return source.getLong(index < 9 ? index : index - 9 - 0x60000000, order);
            }

            @Override
            public int capacity()
            {
                return Integer.MAX_VALUE;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {0x08, 0x10, 0x20, 0x40, 0x80, 0xF8, 0x09, 0x0E})
    void shouldRejectReservedFlagBits(final int flags)
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        final byte[] stream = concat(wire("00 01 'a'"), new byte[] {(byte)flags, 0x01, 'b'});

        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(buffer(stream), 0, stream.length, handler));

        assertEquals(ZmtpError.RESERVED_FLAGS, e.error());
        assertEquals(3, e.offset());
        assertTrue(e.getMessage().contains(String.format("0x%02x", flags)), e.getMessage());
    }

    @Test
    void shouldReportStreamOffsetOfBadHeaderAcrossSeveralDecodeCalls()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        decoder.reset(64);
        final byte[] first = wire("00 03 'abc'");                  // 5 bytes: consumed in call 1
        final byte[] second = wire("04 06 04 'PONG' 'x'");           // 8 bytes: consumed in call 3
        final byte[] thirdStart = wire("01 02 'de'");               // frame of an unfinished message
        final byte[] bad = wire("21 00");                           // reserved bit 5 on its next frame
        final byte[] stream = concat(first, second, thirdStart, bad);
        final UnsafeBuffer buffer = buffer(stream);

        assertEquals(5, decoder.decode(buffer, 0, 7, handler));
        assertEquals(0, decoder.decode(buffer, 5, 4, handler));
        assertEquals(8, decoder.decode(buffer, 5, 8 + 3, handler));
        assertEquals(64 + 13, decoder.streamPosition());
        assertEquals(0, decoder.decode(buffer, 13, 4, handler));

        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(buffer, 13, stream.length - 13, handler));

        assertEquals(ZmtpError.RESERVED_FLAGS, e.error());
        assertEquals(64 + 5 + 8 + 4, e.offset());
        assertTrue(e.getMessage().contains("at stream offset " + (64 + 17)), e.getMessage());
    }

    @Test
    void shouldReportStreamOffsetAfterResetForNewConnection()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        decoder.decode(buffer(wire("00 01 'a'")), 0, 3, handler);
        decoder.reset(1000);

        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(buffer(wire("00 00 05 00")), 0, 4, handler));

        assertEquals(1002, e.offset());
        assertEquals(ZmtpError.COMMAND_WITH_MORE, e.error());
    }

    @Test
    void shouldRejectCommandWithMoreFlag()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        decoder.reset(64);
        final byte[] stream = wire("00 00 05 07 04 'PING' 00 0A");

        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(buffer(stream), 0, stream.length, handler));

        assertEquals(ZmtpError.COMMAND_WITH_MORE, e.error());
        assertEquals(66, e.offset());
    }

    @Test
    void shouldRejectLongCommandWithMoreFlagFromItsHeader()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);

        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(buffer(wire("07 00 00 00 00 00 00 01 00")), 0, 9, handler));

        assertEquals(ZmtpError.COMMAND_WITH_MORE, e.error());
    }

    @Test
    void shouldRejectCommandBetweenFramesOfAMultipartMessage()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        decoder.reset(64);
        final byte[] stream = wire("01 02 'id' 01 00 04 06 04 'PING' 00 0A 00 01 'x'");

        assertEquals(0, decoder.decode(buffer(stream), 0, 6, handler));
        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(buffer(stream), 0, 8, handler));

        assertEquals(ZmtpError.COMMAND_INSIDE_MESSAGE, e.error());
        assertEquals(64 + 6, e.offset());
        assertTrue(handler.offers.isEmpty());
    }

    @Test
    void shouldRefuseNegativeLimitOtherThanUnlimited()
    {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-2));
        assertEquals(FrameDecoder.UNLIMITED, new FrameDecoder(FrameDecoder.UNLIMITED).maxMessageSize());
        assertEquals(7, new FrameDecoder(7).maxMessageSize());
    }

    @Test
    void shouldAskForHeaderThenBodyWhileMessageIsIncomplete()
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        final byte[] stream = concat(wire("01 01 'a'"), wire("02 00 00 00 00 00 00 01 2C"), filled(300, 'b'));
        final UnsafeBuffer buffer = buffer(stream);

        assertEquals(0, decoder.decode(buffer, 0, 0, handler));
        assertEquals(0, decoder.requiredLength(), "nothing buffered, nothing in progress");
        assertEquals(0, decoder.decode(buffer, 0, 1, handler));
        assertEquals(2, decoder.requiredLength());
        assertEquals(0, decoder.decode(buffer, 0, 2, handler));
        assertEquals(3, decoder.requiredLength());
        assertEquals(0, decoder.decode(buffer, 0, 3, handler));
        assertEquals(5, decoder.requiredLength());
        assertEquals(0, decoder.decode(buffer, 0, 5, handler));
        assertEquals(12, decoder.requiredLength(), "long flag seen: the whole 9-byte header");
        assertEquals(0, decoder.decode(buffer, 0, 12, handler));
        assertEquals(stream.length, decoder.requiredLength(), "header read: the whole message");
        assertEquals(stream.length, decoder.decode(buffer, 0, stream.length, handler));
        assertEquals(0, decoder.requiredLength());
    }
}
