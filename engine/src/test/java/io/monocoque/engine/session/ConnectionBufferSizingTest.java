package io.monocoque.engine.session;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.Rings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.monocoque.engine.session.ConnectionBufferSizing.COMMAND_BUFFER_CAPACITY;
import static io.monocoque.engine.session.ConnectionBufferSizing.MAX_MESSAGE_BUFFER_CAPACITY;
import static io.monocoque.engine.session.ConnectionBufferSizing.MIN_MESSAGE_BUFFER_CAPACITY;
import static io.monocoque.engine.session.ConnectionBufferSizing.messageBufferCapacity;
import static io.monocoque.engine.session.ConnectionBufferSizing.readBufferCapacity;
import static io.monocoque.engine.session.ConnectionBufferSizing.stagingCapacity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starting sizes of a connection's read and staging buffers, and the staging buffer's growth that lets any
 * starting size carry every message a send ring accepts.
 */
class ConnectionBufferSizingTest
{
    /** The sockets' default sndHwmBytes and rcvHwmBytes (the api module's Socket.DEFAULT_HWM_BYTES). */
    private static final int DEFAULT_HWM_BYTES = 4 * 1024 * 1024;
    private static final int SMALL_HWM_BYTES = 64 * 1024;

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PULL", "DEALER", "ROUTER", "REQ", "REP", "PAIR", "SUB", "XSUB"})
    void shouldGiveReceivingSocketsWithDefaultOptionsTheFullReadBuffer(final SocketType type)
    {
        assertEquals(256 * 1024, readBufferCapacity(type, Rings.effectiveCapacity(DEFAULT_HWM_BYTES)));
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PUSH", "DEALER", "ROUTER", "REQ", "REP", "PAIR", "XSUB"})
    void shouldGiveSendingSocketsWithDefaultOptionsTheFullStagingBuffer(final SocketType type)
    {
        assertEquals(256 * 1024, stagingCapacity(type, Rings.effectiveCapacity(DEFAULT_HWM_BYTES)));
    }

    @Test
    void shouldSizeTheBuffersOfSmallHwmSocketsFromAQuarterOfTheirRings()
    {
        final int ring = Rings.effectiveCapacity(SMALL_HWM_BYTES);
        assertEquals(16 * 1024, readBufferCapacity(SocketType.PULL, ring));
        assertEquals(16 * 1024, readBufferCapacity(SocketType.SUB, ring));
        assertEquals(16 * 1024, stagingCapacity(SocketType.DEALER, ring));
        assertEquals(16 * 1024, stagingCapacity(SocketType.XSUB, ring));
        assertEquals(32 * 1024, messageBufferCapacity(Rings.effectiveCapacity(100_000)), "rounded up");
    }

    @Test
    void shouldKeepMessageBuffersBetweenTheFloorAndTheCap()
    {
        assertEquals(MIN_MESSAGE_BUFFER_CAPACITY, messageBufferCapacity(Rings.MIN_CAPACITY));
        assertEquals(MIN_MESSAGE_BUFFER_CAPACITY, messageBufferCapacity(1));
        assertEquals(MAX_MESSAGE_BUFFER_CAPACITY, messageBufferCapacity(1024 * 1024));
        assertEquals(MAX_MESSAGE_BUFFER_CAPACITY, messageBufferCapacity(Rings.MAX_CAPACITY));
        assertEquals(MAX_MESSAGE_BUFFER_CAPACITY, messageBufferCapacity(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> messageBufferCapacity(0));
    }

    @Test
    void shouldHoldTwoOfTheLargestRecordsOfAnyRingBelowTheCap()
    {
        for (long size = Rings.MIN_CAPACITY; size <= Rings.MAX_CAPACITY; size <<= 1)
        {
            final int ring = (int)size;
            final int capacity = messageBufferCapacity(ring);
            assertEquals(1, Integer.bitCount(capacity), "a power of two for a ring of " + ring);
            if (capacity < MAX_MESSAGE_BUFFER_CAPACITY)
            {
                assertTrue(capacity >= 2 * Rings.maxRecordLength(ring), "ring " + ring + " -> " + capacity);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PUSH", "PUB", "XPUB"})
    void shouldStartSmallWhereTheSocketReceivesOnlyCommands(final SocketType type)
    {
        assertEquals(COMMAND_BUFFER_CAPACITY, readBufferCapacity(type, Rings.effectiveCapacity(DEFAULT_HWM_BYTES)));
    }

    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PULL", "SUB"})
    void shouldStartSmallWhereTheSocketSendsOnlyCommandsAndSubscriptions(final SocketType type)
    {
        assertEquals(COMMAND_BUFFER_CAPACITY, stagingCapacity(type, Rings.effectiveCapacity(DEFAULT_HWM_BYTES)));
    }

    @Test
    void shouldLetAnEmptyStagingBufferGrowForAMessageLargerThanItsCapacity()
    {
        final StagingBuffer staging = new StagingBuffer(COMMAND_BUFFER_CAPACITY);
        try
        {
            final int large = 3 * COMMAND_BUFFER_CAPACITY + 1;
            assertTrue(staging.ensureRoom(large), "an empty buffer takes any message");
            assertTrue(staging.capacity() >= large);
            staging.buffer().setMemory(staging.fill(), large, (byte)0);
            staging.commit(large);

            assertFalse(staging.ensureRoom(staging.capacity()),
                "a non-empty buffer does not grow: the message waits until what is staged has been written");
        }
        finally
        {
            staging.free();
        }
    }
}
