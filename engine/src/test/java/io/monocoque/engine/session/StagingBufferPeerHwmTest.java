package io.monocoque.engine.session;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ROUTER or REP peer's staging buffer is its HWM: it starts small, grows only as unsent bytes need it, admits
 * exactly what the HWM has room for, and admits a large message whole (all its fragments) or not at all.
 */
class StagingBufferPeerHwmTest
{
    private static final int INITIAL = 4096;
    private static final int HWM = 64 * 1024;
    private static final int BODY = 200;
    private static final int FRAME = 2 + BODY; // short header: flags, size
    private static final int LONG_HEADER = 9;

    @Test
    void shouldStartSmallAndGrowUpToWhatTheHwmAdmits()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(INITIAL, HWM);
        assertEquals(0, staging.capacity(), "nothing before the handshake (or first use)");
        staging.reserve();
        assertEquals(INITIAL, staging.capacity());

        int staged = 0;
        while (staging.ensureRoom(FRAME))
        {
            stageFrame(staging);
            staged += FRAME;
        }

        assertEquals(HWM / FRAME * FRAME, staged, "filled to the HWM");
        assertTrue(staging.capacity() >= HWM, "grew as the unsent bytes needed: " + staging.capacity());
        staging.free();
    }

    @Test
    void shouldAdmitALargeMessageWholeAndAppendItsFragmentsBehindWholeMessages()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(INITIAL, HWM);
        assertTrue(staging.ensureRoom(FRAME));
        stageFrame(staging);
        final int body = 20_000;
        final UnsafeBuffer message = longFrame(body);
        final int total = LONG_HEADER + body;

        assertTrue(staging.beginMessage(total));
        assertFalse(staging.ensureRoom(FRAME), "nothing is staged between a large message's fragments");
        staging.appendFragment(message, 0, 5000);
        staging.appendFragment(message, 5000, 10_000);
        assertTrue(staging.hasOpenMessage());
        staging.appendFragment(message, 15_000, total - 15_000);

        assertFalse(staging.hasOpenMessage(), "complete: a whole message like any other");
        assertEquals(FRAME + total, staging.pending());
        assertTrue(staging.ensureRoom(FRAME));
        staging.free();
    }

    @Test
    void shouldRefuseALargeMessageTheHwmHasNoRoomForNowAndOneLargerThanTheHwm()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(INITIAL, HWM);
        while (staging.pending() + FRAME <= HWM / 2)
        {
            assertTrue(staging.ensureRoom(FRAME));
            stageFrame(staging);
        }

        assertFalse(staging.beginMessage(HWM / 2 + FRAME), "no room under the HWM now");
        assertTrue(staging.beginMessage(HWM / 4), "room for this one");
        staging.free();

        final StagingBuffer empty = StagingBuffer.withPeerHwm(INITIAL, HWM);
        assertFalse(empty.beginMessage(HWM + 1L), "larger than the HWM: streamed, not admitted");
        empty.free();
    }

    @Test
    void shouldDropAPartialLargeMessageButKeepTheWholeMessagesBeforeItWhenTheConnectionDies()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(INITIAL, HWM);
        assertTrue(staging.ensureRoom(FRAME));
        stageFrame(staging);
        final UnsafeBuffer message = longFrame(10_000);
        assertTrue(staging.beginMessage(LONG_HEADER + 10_000));
        staging.appendFragment(message, 0, 3000);

        assertEquals(FRAME, staging.keepUnsentMessages(), "the whole message stays, the partial one goes");
        assertFalse(staging.hasOpenMessage());
        assertTrue(staging.ensureRoom(FRAME));
        staging.free();
    }

    @Test
    void shouldCountAPartialLargeMessageAsDroppedWhenCleared()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(INITIAL, HWM);
        assertTrue(staging.ensureRoom(FRAME));
        stageFrame(staging);
        assertTrue(staging.beginMessage(LONG_HEADER + 10_000));
        staging.appendFragment(longFrame(10_000), 0, 3000);

        assertEquals(2, staging.clear());
        assertEquals(0, staging.pending());
        staging.free();
    }

    @Test
    void shouldRefuseAFragmentBeyondWhatWasAdmitted()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(INITIAL, HWM);
        final UnsafeBuffer message = longFrame(1000);
        assertTrue(staging.beginMessage(LONG_HEADER + 1000));

        assertThrows(IllegalStateException.class, () -> staging.appendFragment(message, 0, LONG_HEADER + 1001));
        staging.free();
    }

    private static UnsafeBuffer longFrame(final int body)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LONG_HEADER + body]);
        buffer.putByte(0, (byte)0x02); // LONG, last frame
        buffer.putLong(1, body, ByteOrder.BIG_ENDIAN);
        return buffer;
    }

    private static void stageFrame(final StagingBuffer staging)
    {
        staging.buffer().putByte(staging.fill(), (byte)0);
        staging.buffer().putByte(staging.fill() + 1, (byte)BODY);
        staging.commit(FRAME);
    }
}
