package io.monocoque.api.robustness;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketInterruptedException;
import io.monocoque.api.SocketType;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Soaks of cancelled blocking calls: a send or recv blocked on a full (send) or empty (receive) ring is interrupted
 * at a random moment, or times out after a small random timeout, thousands of times. Each message is multipart and
 * self-verifying ({@link IntegrityMessages}); the peer checks every message whole and intact, and the test checks
 * that the messages received are exactly, in order, the ones whose send returned true: none partial, none
 * duplicated, none missing, none of the cancelled ones. Afterwards the sockets must still do a normal round trip.
 * <p>
 * Both rings of both DEALER sockets are 4 KiB (the smallest), so the sender's ring fills as soon as the slow reader
 * lets the TCP pipeline back up. Messages encode to 24..394 bytes, up to most of the 504 bytes such a ring holds
 * (see {@link #shouldCarryTheLargestMessageASmallSendRingAcceptsToAPeerWithTheSameHwm()}).
 * <p>
 * {@code -Dmonocoque.soak.iterations=N} (default 2,000) sets the number of cancellations per test;
 * {@code -Dmonocoque.soak.seed=S} replaces every test's fixed seed. A failure names the seed and the iteration
 * count to rerun with. Thread timing is not reproducible, only the random choices (sizes, delays, timeouts).
 */
class BlockingCallCancellationTest
{
    static final int ITERATIONS = Integer.getInteger("monocoque.soak.iterations", 2_000);
    private static final int HWM_BYTES = 4096;
    private static final long MAX_INTERRUPT_DELAY_NS = TimeUnit.MICROSECONDS.toNanos(1_500);
    private static final int MAX_TIMEOUT_MS = 3;
    private static final long JOIN_TIMEOUT_MS = 60_000 + ITERATIONS * 20L;
    private static final long BLOCKED_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private Context context;
    private Socket sender;
    private Socket receiver;
    private Interrupter interrupter;

    @BeforeEach
    void setUp()
    {
        context = Context.create();
        receiver = context.socket(SocketType.DEALER).sndHwmBytes(HWM_BYTES).rcvHwmBytes(HWM_BYTES).lingerMs(0);
        final String endpoint = receiver.bind("tcp://127.0.0.1:0");
        sender = context.socket(SocketType.DEALER).sndHwmBytes(HWM_BYTES).rcvHwmBytes(HWM_BYTES).lingerMs(0);
        sender.connect(endpoint);
        interrupter = new Interrupter();
    }

    @AfterEach
    void tearDown() throws Exception
    {
        interrupter.close();
        context.close();
        Thread.interrupted(); // never leave the test thread interrupted
    }

    @Test
    void shouldDeliverExactlyTheAcceptedMessagesWhenBlockedSendsAreInterrupted() throws Exception
    {
        final long seed = seed(0x5EED_0001L);
        soak("interrupted sends", seed, () ->
        {
            final IntegrityMessages codec = new IntegrityMessages(seed);
            final PacedReader reader = new PacedReader(receiver, codec, new SplittableRandom(seed + 1));
            final LongArrayList accepted = new LongArrayList();
            final long[] stats = new long[2]; // [0] interrupts, [1] of which the send had been waiting >= 50 us
            final long[] nextSeq = new long[1];
            sender.sndTimeoutMs(-1);
            final Worker readerWorker = Worker.start("paced-reader", reader::run);
            final Worker senderWorker = Worker.start("interrupted-sender", () ->
            {
                final SplittableRandom random = new SplittableRandom(seed + 2);
                final Message message = new Message();
                final Thread self = Thread.currentThread();
                long seq = 0;
                try
                {
                    for (int i = 0; i < ITERATIONS && !reader.failed(); i++)
                    {
                        interrupter.arm(self, random.nextLong(MAX_INTERRUPT_DELAY_NS + 1));
                        while (true)
                        {
                            codec.build(message, seq);
                            final long startNs = System.nanoTime();
                            try
                            {
                                if (!sender.send(message))
                                {
                                    fail("send with sndTimeoutMs -1 returned false for message " + seq);
                                }
                                accepted.addLong(seq);
                            }
                            catch (final SocketInterruptedException ex)
                            {
                                final long waitedNs = System.nanoTime() - startNs;
                                assertTrue(Thread.interrupted(),
                                    "SocketInterruptedException must leave the interrupt flag set (iteration " + i +
                                    ")");
                                stats[0]++;
                                stats[1] += waitedNs >= BLOCKED_NS ? 1 : 0;
                                break;
                            }
                            finally
                            {
                                seq++;
                            }
                        }
                    }
                }
                finally
                {
                    nextSeq[0] = seq;
                    reader.expect(accepted.size());
                }
            });
            try
            {
                senderWorker.join(JOIN_TIMEOUT_MS);
                readerWorker.join(JOIN_TIMEOUT_MS);
            }
            finally
            {
                reader.abort();
            }
            System.out.printf("interrupted sends: %d interrupts (%d while waiting >= 50 us), %d of %d sends " +
                "accepted%n", stats[0], stats[1], accepted.size(), nextSeq[0]);
            assertEquals(ITERATIONS, stats[0], "interrupts");
            assertExercised(stats[1], "no interrupt reached a send while it was waiting on a full send ring");
            assertEquals(nextSeq[0] - ITERATIONS, accepted.size(), "sends that returned true");
            assertReceivedExactly(accepted, reader.received());
            assertRoundTrip(codec, nextSeq[0]);
        });
    }

    @Test
    void shouldDeliverExactlyTheAcceptedMessagesWhenBlockedSendsTimeOut() throws Exception
    {
        final long seed = seed(0x5EED_0002L);
        soak("timed-out sends", seed, () ->
        {
            final IntegrityMessages codec = new IntegrityMessages(seed);
            final PacedReader reader = new PacedReader(receiver, codec, new SplittableRandom(seed + 1));
            final LongArrayList accepted = new LongArrayList();
            final long[] nextSeq = new long[1];
            final Worker readerWorker = Worker.start("paced-reader", reader::run);
            final Worker senderWorker = Worker.start("timing-out-sender", () ->
            {
                final SplittableRandom random = new SplittableRandom(seed + 2);
                final Message message = new Message();
                long seq = 0;
                try
                {
                    for (int i = 0; i < ITERATIONS && !reader.failed(); i++)
                    {
                        final int timeoutMs = random.nextInt(MAX_TIMEOUT_MS + 1);
                        sender.sndTimeoutMs(timeoutMs);
                        while (true)
                        {
                            codec.build(message, seq);
                            final long startNs = System.nanoTime();
                            final boolean sent = sender.send(message);
                            final long elapsedNs = System.nanoTime() - startNs;
                            seq++;
                            if (sent)
                            {
                                accepted.addLong(seq - 1);
                            }
                            else
                            {
                                assertTrue(elapsedNs >= TimeUnit.MILLISECONDS.toNanos(timeoutMs),
                                    "send gave up after " + elapsedNs + " ns, before its " + timeoutMs +
                                    " ms timeout");
                                break;
                            }
                        }
                    }
                }
                finally
                {
                    nextSeq[0] = seq;
                    reader.expect(accepted.size());
                }
            });
            try
            {
                senderWorker.join(JOIN_TIMEOUT_MS);
                readerWorker.join(JOIN_TIMEOUT_MS);
            }
            finally
            {
                reader.abort();
            }
            System.out.printf("timed-out sends: %d timeouts, %d of %d sends accepted%n",
                ITERATIONS, accepted.size(), nextSeq[0]);
            assertEquals(nextSeq[0] - ITERATIONS, accepted.size(), "sends that returned true");
            assertReceivedExactly(accepted, reader.received());
            assertRoundTrip(codec, nextSeq[0]);
        });
    }

    @Test
    void shouldConsumeNothingWhenBlockedReceivesAreInterrupted() throws Exception
    {
        final long seed = seed(0x5EED_0003L);
        soak("interrupted receives", seed, () ->
        {
            final IntegrityMessages codec = new IntegrityMessages(seed);
            final PacedSender producer = new PacedSender(sender, codec, new SplittableRandom(seed + 1));
            final long[] stats = new long[3]; // [0] interrupts, [1] waiting >= 50 us, [2] messages received
            receiver.rcvTimeoutMs(-1);
            final Worker producerWorker = Worker.start("paced-sender", producer::run);
            final Worker receiverWorker = Worker.start("interrupted-receiver", () ->
            {
                final SplittableRandom random = new SplittableRandom(seed + 2);
                final Message message = new Message();
                final Thread self = Thread.currentThread();
                long next = 0;
                try
                {
                    for (int i = 0; i < ITERATIONS; i++)
                    {
                        interrupter.arm(self, random.nextLong(MAX_INTERRUPT_DELAY_NS + 1));
                        while (true)
                        {
                            final long startNs = System.nanoTime();
                            try
                            {
                                assertTrue(receiver.recv(message), "recv with rcvTimeoutMs -1 returned false");
                            }
                            catch (final SocketInterruptedException ex)
                            {
                                final long waitedNs = System.nanoTime() - startNs;
                                assertTrue(Thread.interrupted(),
                                    "SocketInterruptedException must leave the interrupt flag set (iteration " + i +
                                    ")");
                                stats[0]++;
                                stats[1] += waitedNs >= BLOCKED_NS ? 1 : 0;
                                break;
                            }
                            next = expectNext(codec, message, next);
                        }
                    }
                }
                finally
                {
                    producer.stop();
                }
                drainRest(codec, producer, message, next, stats);
            });
            try
            {
                receiverWorker.join(JOIN_TIMEOUT_MS);
            }
            finally
            {
                producer.stop();
                producerWorker.join(JOIN_TIMEOUT_MS);
            }
            System.out.printf("interrupted receives: %d interrupts (%d while waiting >= 50 us), %d messages%n",
                stats[0], stats[1], stats[2]);
            assertEquals(ITERATIONS, stats[0], "interrupts");
            assertExercised(stats[1], "no interrupt reached a recv while it was waiting on an empty receive ring");
            assertEquals(producer.sent(), stats[2], "messages received");
            assertRoundTrip(codec, producer.sent());
        });
    }

    @Test
    void shouldConsumeNothingWhenBlockedReceivesTimeOut() throws Exception
    {
        final long seed = seed(0x5EED_0004L);
        soak("timed-out receives", seed, () ->
        {
            final IntegrityMessages codec = new IntegrityMessages(seed);
            final PacedSender producer = new PacedSender(sender, codec, new SplittableRandom(seed + 1));
            final long[] stats = new long[3]; // [0] timeouts, [2] messages received
            final Worker producerWorker = Worker.start("paced-sender", producer::run);
            final Worker receiverWorker = Worker.start("timing-out-receiver", () ->
            {
                final SplittableRandom random = new SplittableRandom(seed + 2);
                final Message message = new Message();
                long next = 0;
                try
                {
                    for (int i = 0; i < ITERATIONS; i++)
                    {
                        final int timeoutMs = random.nextInt(MAX_TIMEOUT_MS + 1);
                        receiver.rcvTimeoutMs(timeoutMs);
                        while (true)
                        {
                            final long startNs = System.nanoTime();
                            final boolean received = receiver.recv(message);
                            final long elapsedNs = System.nanoTime() - startNs;
                            if (!received)
                            {
                                assertTrue(elapsedNs >= TimeUnit.MILLISECONDS.toNanos(timeoutMs),
                                    "recv gave up after " + elapsedNs + " ns, before its " + timeoutMs +
                                    " ms timeout");
                                stats[0]++;
                                break;
                            }
                            next = expectNext(codec, message, next);
                        }
                    }
                }
                finally
                {
                    producer.stop();
                }
                drainRest(codec, producer, message, next, stats);
            });
            try
            {
                receiverWorker.join(JOIN_TIMEOUT_MS);
            }
            finally
            {
                producer.stop();
                producerWorker.join(JOIN_TIMEOUT_MS);
            }
            System.out.printf("timed-out receives: %d timeouts, %d messages%n", stats[0], stats[2]);
            assertEquals(ITERATIONS, stats[0], "timeouts");
            assertEquals(producer.sent(), stats[2], "messages received");
            assertRoundTrip(codec, producer.sent());
        });
    }

    @Test
    void shouldCarryTheLargestMessageASmallSendRingAcceptsToAPeerWithTheSameHwm()
    {
        // A 4 KiB ring holds records of 4096 / 8 = 512 bytes: 8 for the peer id, 504 for the frames, so a
        // 495-byte body (9-byte long frame header). The receiving DEALER, with the same rcvHwmBytes, must take it:
        // it used to reserve room for a ROUTER's routing-id frame too and dropped the connection for any message
        // over 247 bytes.
        final byte[] largest = new byte[495];
        new SplittableRandom(7).nextBytes(largest);
        sender.sndTimeoutMs(10_000);
        receiver.rcvTimeoutMs(10_000);
        for (int i = 0; i < 3; i++)
        {
            largest[0] = (byte)i;
            assertTrue(sender.send(largest), "send " + i);
            final byte[][] received = receiver.recvMultipart();
            assertNotNull(received, "message " + i + " of the largest size never arrived");
            assertEquals(1, received.length);
            assertArrayEquals(largest, received[0], "message " + i);
        }
        // One byte more no longer fits a record: it travels as fragments and arrives whole.
        final byte[] larger = new byte[496];
        assertTrue(sender.send(larger));
        final byte[][] received = receiver.recvMultipart();
        assertNotNull(received, "the fragmented message never arrived");
        assertArrayEquals(larger, received[0]);
        assertEquals(1, sender.connectedPeers(), "the connection survived");
    }

    // ------------------------------------------------------------------ helpers

    private static long expectNext(final IntegrityMessages codec, final Message message, final long next)
    {
        final long seq = codec.verify(message);
        if (seq != next)
        {
            throw new AssertionError("received message " + seq + " where " + next + " was next: " +
                (seq > next ? "messages " + next + ".." + (seq - 1) + " were lost" : "duplicate"));
        }
        return next + 1;
    }

    /** After the cancellations: take everything the producer still sent, then check nothing more comes. */
    private void drainRest(
        final IntegrityMessages codec,
        final PacedSender producer,
        final Message message,
        final long from,
        final long[] stats)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (producer.sent() < 0)
        {
            assertTrue(System.nanoTime() - deadline < 0, "producer did not stop");
            Thread.onSpinWait();
            Thread.yield();
        }
        receiver.rcvTimeoutMs(10_000);
        long next = from;
        while (next < producer.sent())
        {
            assertTrue(receiver.recv(message), "message " + next + " of " + producer.sent() + " never arrived");
            next = expectNext(codec, message, next);
        }
        receiver.rcvTimeoutMs(100);
        assertFalse(receiver.recv(message), "a message arrived beyond the " + producer.sent() + " sent");
        stats[2] = next;
    }

    private static void assertReceivedExactly(final LongArrayList accepted, final LongArrayList received)
    {
        if (accepted.equals(received))
        {
            return;
        }
        final LongHashSet acceptedSet = new LongHashSet();
        accepted.forEachOrderedLong(acceptedSet::add);
        final LongHashSet receivedSet = new LongHashSet();
        final StringBuilder problems = new StringBuilder();
        for (int i = 0; i < received.size(); i++)
        {
            final long seq = received.getLong(i);
            if (!receivedSet.add(seq))
            {
                problems.append(" duplicate ").append(seq).append(';');
            }
            if (!acceptedSet.contains(seq))
            {
                problems.append(" received ").append(seq).append(" whose send did not return true;");
            }
            if (problems.length() > 2000)
            {
                break;
            }
        }
        int missing = 0;
        long firstMissing = -1;
        for (int i = 0; i < accepted.size(); i++)
        {
            if (!receivedSet.contains(accepted.getLong(i)))
            {
                if (missing++ == 0)
                {
                    firstMissing = accepted.getLong(i);
                }
            }
        }
        fail("received " + received.size() + " messages, " + accepted.size() + " sends returned true; " +
            missing + " accepted never arrived (first " + firstMissing + ");" + problems);
    }

    /** Both sockets, after all the cancellations, still carry a message each way (on the test thread). */
    private void assertRoundTrip(final IntegrityMessages codec, final long seq)
    {
        final Message out = new Message();
        final Message in = new Message();
        sender.sndTimeoutMs(10_000).rcvTimeoutMs(10_000);
        receiver.sndTimeoutMs(10_000).rcvTimeoutMs(10_000);
        assertTrue(sender.send(codec.build(out, seq)), "round trip: send");
        assertTrue(receiver.recv(in), "round trip: recv");
        assertEquals(seq, codec.verify(in), "round trip: the next message after the soak");
        assertTrue(receiver.send(codec.build(out, seq + 1)), "round trip: reply send");
        assertTrue(sender.recv(in), "round trip: reply recv");
        assertEquals(seq + 1, codec.verify(in), "round trip: reply");
        receiver.rcvTimeoutMs(50);
        sender.rcvTimeoutMs(50);
        assertFalse(receiver.recv(in), "nothing may follow the round trip");
        assertFalse(sender.recv(in), "nothing may follow the reply");
    }

    /** The soak really cancelled calls that were waiting (not only calls that found the flag already set). */
    private static void assertExercised(final long cancelledWhileWaiting, final String problem)
    {
        if (ITERATIONS >= 100)
        {
            assertTrue(cancelledWhileWaiting > 0, problem);
        }
    }

    static long seed(final long defaultSeed)
    {
        return Long.getLong("monocoque.soak.seed", defaultSeed);
    }

    static void soak(final String name, final long seed, final Worker.Body body) throws Exception
    {
        System.out.printf("%s: seed=%d iterations=%d%n", name, seed, ITERATIONS);
        try
        {
            body.run();
        }
        catch (final Throwable failure)
        {
            throw new AssertionError(name + " failed with seed=" + seed + " iterations=" + ITERATIONS +
                " (rerun with -Dmonocoque.soak.seed=" + seed + " -Dmonocoque.soak.iterations=" + ITERATIONS +
                "): " + failure, failure);
        }
    }
}
