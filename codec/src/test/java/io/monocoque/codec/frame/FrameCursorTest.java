package io.monocoque.codec.frame;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.copy;
import static io.monocoque.codec.Wire.filled;
import static io.monocoque.codec.Wire.hex;
import static io.monocoque.codec.Wire.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameCursorTest
{
    private final FrameCursor cursor = new FrameCursor();

    @Test
    void shouldWalkFramesOfAMessageAtAnOffset()
    {
        final byte[] longBody = filled(300, 'z');
        final byte[] message = concat(
            wire("01 03 'abc'"), wire("01 00"), wire("03 00 00 00 00 00 00 01 2C"), longBody, wire("00 01 'x'"));
        final byte[] stored = concat(wire("EE EE EE"), message, wire("EE"));
        final UnsafeBuffer buffer = new UnsafeBuffer(stored);

        cursor.wrap(buffer, 3, message.length);
        assertEquals(-1, cursor.index());

        assertTrue(cursor.next());
        assertEquals(0, cursor.index());
        assertEquals(5, cursor.bodyOffset());
        assertEquals("61 62 63", hex(copy(buffer, cursor.bodyOffset(), cursor.bodyLength())));
        assertTrue(cursor.hasMore());
        assertEquals(8, cursor.nextFrameOffset());

        assertTrue(cursor.next());
        assertEquals(1, cursor.index());
        assertEquals(0, cursor.bodyLength());
        assertTrue(cursor.hasMore());

        assertTrue(cursor.next());
        assertEquals(2, cursor.index());
        assertEquals(300, cursor.bodyLength());
        assertEquals(10 + 9, cursor.bodyOffset());
        assertTrue(cursor.hasMore());

        assertTrue(cursor.next());
        assertEquals(3, cursor.index());
        assertEquals("78", hex(copy(buffer, cursor.bodyOffset(), cursor.bodyLength())));
        assertFalse(cursor.hasMore());
        assertEquals(3 + message.length, cursor.nextFrameOffset());

        assertFalse(cursor.next());
        assertFalse(cursor.next());
        assertTrue(cursor.buffer() == buffer);
    }

    @Test
    void shouldBeReusableAfterWrap()
    {
        final UnsafeBuffer first = new UnsafeBuffer(wire("01 01 'a' 00 01 'b'"));
        final UnsafeBuffer second = new UnsafeBuffer(wire("00 02 'cd'"));

        cursor.wrap(first, 0, 6);
        assertTrue(cursor.next());
        cursor.wrap(second, 0, 4);

        assertEquals(-1, cursor.index());
        assertTrue(cursor.next());
        assertEquals(0, cursor.index());
        assertEquals(2, cursor.bodyLength());
        assertFalse(cursor.hasMore());
        assertFalse(cursor.next());
    }

    @Test
    void shouldReportNothingForEmptyRegion()
    {
        cursor.wrap(new UnsafeBuffer(new byte[4]), 2, 0);

        assertFalse(cursor.next());
    }

    @Test
    void shouldRejectFramesRunningPastTheWrappedRegion()
    {
        // short body past the end, truncated long header, long size past the end, lone flags byte, negative size
        final String[] broken = {"00 05 'abc'", "02 00 00 00", "02 00 00 00 00 00 00 00 09 'abc'", "00 01 'a' 00",
            "02 80 00 00 00 00 00 00 00 'abc'"};
        for (final String notation : broken)
        {
            final byte[] bytes = wire(notation);
            cursor.wrap(new UnsafeBuffer(concat(bytes, filled(32, 0))), 0, bytes.length);

            final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () ->
                {
                    while (cursor.next())
                    {
                        // walk until it throws
                    }
                }, notation);
            assertEquals(ZmtpError.FRAME_TOO_LARGE, e.error(), notation);
        }
    }
}
