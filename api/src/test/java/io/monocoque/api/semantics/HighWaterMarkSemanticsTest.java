package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.semantics.SemanticsSupport.FAST_RECONNECT_MS;
import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.WAIT_MS;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Await.sleep;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.Loopback.reservePort;
import static io.monocoque.api.testing.TestMessages.recv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * High-water marks in bytes: the send ring's capacity bounds what a socket queues, exactly; a full ring
 * back-pressures {@code offer} and times out {@code send}; nothing queued is lost when the peer arrives.
 */
class HighWaterMarkSemanticsTest
{
    /** Agrona ring record header (length + type). */
    private static final int RING_RECORD_HEADER = 8;
    /** Agrona aligns records to 8 bytes. */
    private static final int RING_ALIGNMENT = 8;
    /** Monocoque's record starts with the 64-bit peer id. */
    private static final int PEER_ID_LENGTH = 8;
    private static final int MIN_RING_CAPACITY = 4096;
    /** Header of a frame whose body is over 255 bytes. */
    private static final int LONG_FRAME_HEADER = 9;
    /** The sockets' default sndHwmBytes and rcvHwmBytes. */
    private static final long DEFAULT_HWM_BYTES = 4 * 1024 * 1024;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final Context peerContext = resources.context();

    /** Ring capacity for a requested HWM: the next power of two, at least 4 KiB. */
    static int ringCapacity(final long hwmBytes)
    {
        int capacity = MIN_RING_CAPACITY;
        while (capacity < hwmBytes)
        {
            capacity <<= 1;
        }
        return capacity;
    }

    /** Bytes a single-frame message of {@code body} bytes takes in the ring. */
    static int recordSize(final int body)
    {
        final int frameHeader = body <= 255 ? 2 : 9;
        final int record = RING_RECORD_HEADER + PEER_ID_LENGTH + frameHeader + body;
        return (record + RING_ALIGNMENT - 1) / RING_ALIGNMENT * RING_ALIGNMENT;
    }

    /**
     * How many records fit an empty ring. Agrona's OneToOneRingBuffer claims a record only if, besides the
     * record, one more record header (8 bytes) stays free (it zeroes the next header in advance), so the usable
     * space is the capacity less 8 bytes.
     */
    static int recordsThatFit(final long hwmBytes, final int body)
    {
        return (ringCapacity(hwmBytes) - RING_RECORD_HEADER) / recordSize(body);
    }

    private static byte[] numbered(final int body, final int sequence)
    {
        final byte[] message = new byte[body];
        for (int i = 0; i < body; i++)
        {
            message[i] = (byte)(sequence * 31 + i);
        }
        if (body >= 4)
        {
            ByteBuffer.wrap(message).putInt(0, sequence);
        }
        return message;
    }

    @Test
    void shouldComputeTheExpectedCountsFromTheRecordLayout()
    {
        // Worked examples of the arithmetic the next test relies on.
        assertEquals(128, recordSize(110));          // 8 + 8 + 2 + 110 = 128
        assertEquals(31, recordsThatFit(4096, 110)); // (4096 - 8) / 128
        assertEquals(24, recordSize(0));             // 8 + 8 + 2 = 18 -> 24
        assertEquals(288, recordSize(256));          // 8 + 8 + 9 + 256 = 281 -> 288
        assertEquals(8192, ringCapacity(5000));
        assertEquals(4096, ringCapacity(1));
    }

    @ParameterizedTest(name = "sndHwmBytes={0}, body={1} bytes")
    @CsvSource({
        "4096, 110",   // records of exactly 128 bytes: 31 fit, not 32
        "4096, 0",     // empty frames
        "1, 100",      // rounded up to the 4 KiB minimum
        "5000, 300",   // rounded up to 8 KiB; long frame header
        "16384, 255",  // the largest short frame
        "16384, 256",  // the smallest long frame
        "65536, 1000"
    })
    void shouldQueueExactlyWhatTheSendRingHoldsWhileNoPeerIsConnected(final long hwm, final int body)
    {
        final int port = reservePort();
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.sndHwmBytes(hwm).reconnectIvlMs(FAST_RECONNECT_MS);
        dealer.connect(endpoint(port));
        assertEquals(ringCapacity(hwm), dealer.sndHwmBytes(), "ring capacity");

        final int expected = recordsThatFit(hwm, body);
        int accepted = 0;
        long result;
        while ((result = dealer.offer(numbered(body, accepted))) > 0)
        {
            accepted++;
            if (accepted > expected + 1000)
            {
                fail("the send ring never filled: " + accepted + " messages accepted");
            }
        }
        assertEquals(SendResult.BACK_PRESSURED, result, SendResult.toString(result));
        assertEquals(expected, accepted, "messages the send ring took");
        assertEquals(SendResult.BACK_PRESSURED, dealer.offer(numbered(body, accepted)), "still full");

        // A blocking send waits for its timeout, then gives up without queuing anything.
        dealer.sndTimeoutMs(100);
        final long start = System.nanoTime();
        assertFalse(dealer.send(numbered(body, accepted)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "send gave up early");

        // The peer arrives: every queued message, in order, none lost, nothing else.
        final Socket router = socket(peerContext, SocketType.ROUTER);
        router.rcvHwmBytes(Math.max(hwm, 4096) * 2);
        router.bind(endpoint(port));
        for (int i = 0; i < expected; i++)
        {
            final byte[][] frames = recv(router);
            assertEquals(2, frames.length);
            assertEquals(body, frames[1].length);
            assertTrue(java.util.Arrays.equals(numbered(body, i), frames[1]), "message " + i + " differs");
        }
        assertNothingReceived(router);

        // And the ring is usable again.
        dealer.sndTimeoutMs(-1);
        assertTrue(dealer.send(numbered(body, 12345)));
        assertTrue(java.util.Arrays.equals(numbered(body, 12345), recv(router)[1]));
    }

    @Test
    void shouldBackPressureTheSenderWhenTheReceiverDoesNotReadAndLoseNothing()
    {
        final int body = 4000;
        final Socket pull = socket(peerContext, SocketType.PULL);
        pull.rcvHwmBytes(64 * 1024);
        final Socket push = socket(context, SocketType.PUSH);
        push.sndHwmBytes(64 * 1024);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        awaitPeers(push, 1);

        // Offer until the sender stays back-pressured for a good while: every buffer on the way is full.
        final long stuckForNs = TimeUnit.MILLISECONDS.toNanos(500);
        final int limit = 100_000; // 400 MB: far more than any socket buffers hold
        int sent = 0;
        long pressuredSince = 0;
        while (true)
        {
            final long result = push.offer(numbered(body, sent));
            if (result > 0)
            {
                sent++;
                pressuredSince = 0;
                if (sent >= limit)
                {
                    fail("never back-pressured after " + sent + " messages to a receiver that does not read");
                }
                continue;
            }
            assertEquals(SendResult.BACK_PRESSURED, result, SendResult.toString(result));
            final long now = System.nanoTime();
            if (pressuredSince == 0)
            {
                pressuredSince = now;
            }
            else if (now - pressuredSince > stuckForNs)
            {
                break;
            }
            sleep(1);
        }
        assertTrue(sent > 64 * 1024 / body, "at least the send ring's worth went out: " + sent);

        // Now read everything: all of it, in order.
        for (int i = 0; i < sent; i++)
        {
            final byte[][] frames = recv(pull);
            assertEquals(1, frames.length);
            assertEquals(i, ByteBuffer.wrap(frames[0]).getInt(0), "message out of order or lost");
            assertTrue(java.util.Arrays.equals(numbered(body, i), frames[0]), "message " + i + " corrupted");
        }
        assertNothingReceived(pull);

        // The pressure is gone.
        push.sndTimeoutMs(WAIT_MS);
        assertTrue(push.send(numbered(body, sent)));
        assertEquals(sent, ByteBuffer.wrap(recv(pull)[0]).getInt(0));
    }

    /**
     * A connection's read buffer starts at a quarter of the receive ring (capped at 256 KiB) and grows for a larger
     * message: a burst of the largest messages the HWM allows arrives whole and in order whether the buffer holds
     * two of them (4 KiB and 64 KiB HWMs: 8 KiB and 16 KiB buffers) or not even one (the default 4 MiB HWM: 512 KiB
     * messages, a 256 KiB buffer that has to grow).
     */
    @ParameterizedTest(name = "hwmBytes={0}")
    @ValueSource(longs = {4096, 64 * 1024, DEFAULT_HWM_BYTES})
    void shouldDeliverBurstsOfTheLargestMessageTheHwmAllows(final long hwm)
    {
        final int largestBody = ringCapacity(hwm) / 8 - PEER_ID_LENGTH - LONG_FRAME_HEADER;
        final Socket pull = socket(peerContext, SocketType.PULL);
        pull.rcvHwmBytes(hwm);
        final Socket push = socket(context, SocketType.PUSH);
        push.sndHwmBytes(hwm);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        awaitPeers(push, 1);

        // Send as fast as the rings take them, reading only when back-pressured (20 default-HWM messages are
        // more than the rings and kernel buffers on the way hold), so messages queue up behind each other.
        final int burst = 20;
        int sent = 0;
        int received = 0;
        while (received < burst)
        {
            if (sent < burst && push.offer(numbered(largestBody, sent)) > 0)
            {
                sent++;
                continue;
            }
            final byte[][] frames = recv(pull);
            assertEquals(1, frames.length);
            assertTrue(java.util.Arrays.equals(numbered(largestBody, received), frames[0]),
                "message " + received + " differs");
            received++;
        }
        assertNothingReceived(pull);
    }
}
