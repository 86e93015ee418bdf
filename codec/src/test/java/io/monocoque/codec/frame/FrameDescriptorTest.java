package io.monocoque.codec.frame;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading a frame's body position straight from its header, as the subscription filter and the publisher ring do.
 */
class FrameDescriptorTest
{
    private static final int AT = 5; // not at 0, so that offsets are really added

    @Test
    void shouldFindTheBodyOfAShortFrame()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putByte(AT, (byte)FrameDescriptor.FLAG_MORE);
        buffer.putByte(AT + 1, (byte)200); // a short size above 127: must be read unsigned

        assertEquals(AT + FrameDescriptor.SHORT_HEADER_LENGTH, FrameDescriptor.bodyOffset(buffer, AT));
        assertEquals(200, FrameDescriptor.bodyLength(buffer, AT));
    }

    @Test
    void shouldFindTheBodyOfALongFrame()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putByte(AT, (byte)FrameDescriptor.FLAG_LONG);
        buffer.putLong(AT + 1, 70_000L, ByteOrder.BIG_ENDIAN); // network order, as ZMTP sends it

        assertEquals(AT + FrameDescriptor.LONG_HEADER_LENGTH, FrameDescriptor.bodyOffset(buffer, AT));
        assertEquals(70_000L, FrameDescriptor.bodyLength(buffer, AT));
    }

    @Test
    void shouldAgreeWithTheCursorOnEncodedFrames()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final FrameCursor cursor = new FrameCursor();
        for (final int bodyLength : new int[]{0, 1, 255, 256, 700})
        {
            final int headerLength = FrameDescriptor.headerLength(bodyLength);
            if (headerLength == FrameDescriptor.SHORT_HEADER_LENGTH)
            {
                buffer.putByte(0, (byte)0);
                buffer.putByte(1, (byte)bodyLength);
            }
            else
            {
                buffer.putByte(0, (byte)FrameDescriptor.FLAG_LONG);
                buffer.putLong(1, bodyLength, ByteOrder.BIG_ENDIAN);
            }
            cursor.wrap(buffer, 0, headerLength + bodyLength).next();

            assertEquals(cursor.bodyOffset(), FrameDescriptor.bodyOffset(buffer, 0), "body of " + bodyLength);
            assertEquals(cursor.bodyLength(), FrameDescriptor.bodyLength(buffer, 0), "length of " + bodyLength);
        }
    }
}
