package io.monocoque.engine.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read buffer lent to the application (a large message handed over by reference): the transport never writes the
 * lent buffer again, moves to the replacement before its next read with the bytes that followed the message, and
 * neither frees nor reuses the lent buffer on close or free.
 */
class LentReadBufferTest
{
    private static final int CAPACITY = 64;

    private final FakeSocketChannel channel = new FakeSocketChannel();
    private final Transport transport = new Transport(CAPACITY);

    @AfterEach
    void free()
    {
        transport.close();
        transport.free();
    }

    @Test
    void shouldReadIntoTheReplacementWithTheBytesAfterTheLentMessageAndLeaveTheLentBufferUntouched()
        throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 50));
        assertEquals(50, transport.read(1));
        final ByteBuffer lent = transport.readView().byteBuffer();
        final ByteBuffer replacement = ByteBuffer.allocateDirect(CAPACITY);

        transport.consume(40); // a 40-byte message went to the reader; 10 bytes of the next one follow it
        transport.lendReadBuffer(replacement);
        assertTrue(transport.isReadBufferLent());
        channel.feed(bytes(50, 30));
        assertEquals(30, transport.read(1));

        assertFalse(transport.isReadBufferLent());
        assertSame(replacement, transport.readView().byteBuffer(), "reads go to the replacement");
        assertArrayEquals(bytes(40, 40), unconsumed(), "the 10 bytes after the message, then the new ones");
        final byte[] lentBytes = new byte[50];
        lent.duplicate().position(0).limit(50).get(lentBytes);
        assertArrayEquals(bytes(0, 50), lentBytes, "the lent buffer still holds what the reader reads");
    }

    @Test
    void shouldTakeALargerBufferWhenTheBytesAfterTheLentMessageDoNotFitTheReplacement() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, CAPACITY));
        transport.read(1);
        transport.consume(8);
        transport.lendReadBuffer(ByteBuffer.allocateDirect(16));
        transport.read(1);

        assertArrayEquals(bytes(8, CAPACITY - 8), unconsumed());
    }

    @Test
    void shouldNotReuseALentBufferAfterClose() throws IOException
    {
        transport.open(channel);
        channel.feed(bytes(0, 20));
        transport.read(1);
        final ByteBuffer lent = transport.readView().byteBuffer();
        transport.consume(20);
        transport.lendReadBuffer(ByteBuffer.allocateDirect(CAPACITY));

        transport.close();

        assertNotSame(lent, transport.readView().byteBuffer(), "a new session reads into the replacement");
        assertEquals(0, transport.unconsumed());
    }

    private static byte[] bytes(final int from, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(from + i);
        }
        return bytes;
    }

    private byte[] unconsumed()
    {
        final byte[] bytes = new byte[transport.unconsumed()];
        transport.readView().getBytes(transport.readStart(), bytes);
        return bytes;
    }
}
