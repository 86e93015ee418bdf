package io.monocoque.codec.frame;

import io.monocoque.codec.StreamHarness;
import io.monocoque.codec.StreamHarness.Item;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.monocoque.codec.Wire.ascii;
import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.copy;
import static io.monocoque.codec.Wire.hex;
import static io.monocoque.codec.Wire.wire;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frame encodings written by hand from RFC 23 "Framing": {@code flags size body}, flags bit 0 MORE, bit 1 LONG
 * (size is 8 octets, network order), bit 2 COMMAND.
 */
class FrameVectorsTest
{
    static List<Item> decodeWhole(final byte[] stream)
    {
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        return new StreamHarness(decoder, stream.length, -1).run(stream, 0, () -> stream.length);
    }

    static byte[] body(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)('a' + i % 26);
        }
        return bytes;
    }

    @Test
    void shouldEncodeShortFrame()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);

        final int written = FrameEncoder.encodeFrame(buffer, 1, false, ascii("hello"), 0, 5);

        assertEquals(7, written);
        assertEquals(hex(wire("00 05 'hello'")), hex(copy(buffer, 1, 7)));
    }

    @Test
    void shouldDecodeShortFrame()
    {
        final byte[] stream = wire("00 05 'hello'");

        final List<Item> items = decodeWhole(stream);

        assertEquals(List.of(Item.message(stream, List.of(ascii("hello")))), items);
    }

    @Test
    void shouldEncodeEmptyFrame()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2]);

        assertEquals(2, FrameEncoder.encodeFrame(buffer, 0, false, new byte[0], 0, 0));

        assertEquals("00 00", hex(copy(buffer, 0, 2)));
    }

    @Test
    void shouldEncodeLargestShortFrameWithOneByteSize()
    {
        final byte[] body = body(255);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[300]);

        final int written = FrameEncoder.encodeFrame(buffer, 0, false, body, 0, body.length);

        assertEquals(257, written);
        assertEquals(hex(concat(wire("00 FF"), body)), hex(copy(buffer, 0, written)));
    }

    @Test
    void shouldEncodeLongFrameWithEightByteBigEndianSize()
    {
        final byte[] body = body(300);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[400]);

        final int written = FrameEncoder.encodeFrame(buffer, 0, false, new UnsafeBuffer(body), 0, body.length);

        assertEquals(309, written);
        assertEquals(hex(concat(wire("02 00 00 00 00 00 00 01 2C"), body)), hex(copy(buffer, 0, written)));
    }

    @Test
    void shouldDecodeLongFrame()
    {
        final byte[] body = body(70000);
        final byte[] stream = concat(wire("02 00 00 00 00 00 01 11 70"), body);

        final List<Item> items = decodeWhole(stream);

        assertEquals(1, items.size());
        assertArrayEquals(body, items.get(0).frames.get(0));
    }

    @Test
    void shouldDecodeLongFormEvenForSmallBody()
    {
        // The long form is legal for any size; the encoder just never chooses it below 256.
        final byte[] stream = wire("02 00 00 00 00 00 00 00 03 'abc'");

        assertEquals(List.of(Item.message(stream, List.of(ascii("abc")))), decodeWhole(stream));
    }

    @Test
    void shouldEncodeMoreFlagOnShortAndLongFrames()
    {
        final byte[] longBody = body(256);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[400]);

        int position = 0;
        position += FrameEncoder.encodeFrame(buffer, position, true, ascii("id"), 0, 2);
        position += FrameEncoder.encodeFrame(buffer, position, true, new byte[0], 0, 0);
        position += FrameEncoder.encodeFrame(buffer, position, true, longBody, 0, longBody.length);
        position += FrameEncoder.encodeFrame(buffer, position, false, ascii("end"), 0, 3);

        final byte[] expected = concat(
            wire("01 02 'id'"),
            wire("01 00"),
            wire("03 00 00 00 00 00 00 01 00"), longBody,
            wire("00 03 'end'"));
        assertEquals(hex(expected), hex(copy(buffer, 0, position)));
    }

    @Test
    void shouldDecodeMultipartMessageWithMoreFlags()
    {
        final byte[] longBody = body(256);
        final byte[] stream = concat(
            wire("01 02 'id'"),
            wire("01 00"),
            wire("03 00 00 00 00 00 00 01 00"), longBody,
            wire("00 03 'end'"));

        final List<Item> items = decodeWhole(stream);

        assertEquals(List.of(Item.message(stream, List.of(ascii("id"), new byte[0], longBody, ascii("end")))), items);
    }

    @Test
    void shouldWriteHeaderOnlyForCallerWrittenBody()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);

        assertEquals(2, FrameEncoder.encodeHeader(buffer, 0, 7, true, false));
        assertEquals("01 07", hex(copy(buffer, 0, 2)));

        assertEquals(2, FrameEncoder.encodeHeader(buffer, 0, 7, false, true));
        assertEquals("04 07", hex(copy(buffer, 0, 2)));

        assertEquals(9, FrameEncoder.encodeHeader(buffer, 0, 0x01020304, false, true));
        assertEquals("06 00 00 00 00 01 02 03 04", hex(copy(buffer, 0, 9)));
    }

    @Test
    void shouldDescribeFlagsAndLengths()
    {
        assertEquals(2, FrameDescriptor.headerLength(0));
        assertEquals(2, FrameDescriptor.headerLength(255));
        assertEquals(9, FrameDescriptor.headerLength(256));
        assertEquals(257, FrameDescriptor.frameLength(255));
        assertEquals(265, FrameDescriptor.frameLength(256));
        assertTrue(FrameDescriptor.hasMore(0x03));
        assertFalse(FrameDescriptor.hasMore(0x06));
        assertTrue(FrameDescriptor.isCommand(0x06));
        assertFalse(FrameDescriptor.isCommand(0x03));
    }
}
