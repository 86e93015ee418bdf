package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.monocoque.api.semantics.SemanticsSupport.QUIET_MS;
import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.WAIT_MS;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Await.sleep;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Incoming fair-queuing of PULL, DEALER and ROUTER over several peers (RFC 28, RFC 30; libzmq's
 * test_fair_queue_in of test_spec_router.cpp, test_spec_dealer.cpp and test_spec_pushpull.cpp), both sides
 * Monocoque.
 */
class FairQueueSemanticsTest
{
    private static final int PEERS = 4;

    /** A receiving socket type and the type of its sending peers. */
    enum Receiver
    {
        PULL(SocketType.PULL, SocketType.PUSH),
        DEALER(SocketType.DEALER, SocketType.DEALER),
        ROUTER(SocketType.ROUTER, SocketType.DEALER);

        final SocketType type;
        final SocketType senderType;

        Receiver(final SocketType type, final SocketType senderType)
        {
            this.type = type;
            this.senderType = senderType;
        }

        /** Frames a receiver of this type puts in front of what the sender sent (a ROUTER's routing id). */
        int prefixFrames()
        {
            return this == ROUTER ? 1 : 0;
        }
    }

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private List<Socket> connectSenders(final Receiver receiverKind, final Socket receiver, final int count)
    {
        final String endpoint = receiver.bind("tcp://127.0.0.1:0");
        final List<Socket> senders = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Socket sender = socket(context, receiverKind.senderType);
            sender.identity("peer-" + i);
            sender.connect(endpoint);
            senders.add(sender);
        }
        awaitPeers(receiver, count);
        for (final Socket sender : senders)
        {
            awaitPeers(sender, 1);
        }
        return senders;
    }

    /** The body (last frame) of a received message, checking a ROUTER's routing id against the body's sender. */
    private static String body(final Receiver receiverKind, final List<String> frames)
    {
        assertEquals(receiverKind.prefixFrames() + 1, frames.size(), "frames: " + frames);
        final String body = frames.get(frames.size() - 1);
        if (receiverKind == Receiver.ROUTER)
        {
            assertEquals(body.substring(0, body.indexOf(':')), frames.get(0), "routing id should name the sender");
        }
        return body;
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void shouldReceiveOneMessageFromEachPeer(final Receiver receiverKind)
    {
        final Socket receiver = socket(context, receiverKind.type);
        final List<Socket> senders = connectSenders(receiverKind, receiver, PEERS);

        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < PEERS; i++)
            {
                assertTrue(senders.get(i).send("peer-" + i + ":" + round));
            }
            final HashSet<String> received = new HashSet<>();
            for (int i = 0; i < PEERS; i++)
            {
                received.add(body(receiverKind, recvTexts(receiver)));
            }
            final HashSet<String> expected = new HashSet<>();
            for (int i = 0; i < PEERS; i++)
            {
                expected.add("peer-" + i + ":" + round);
            }
            assertEquals(expected, received);
        }
        assertNothingReceived(receiver);
    }

    @ParameterizedTest
    @EnumSource(Receiver.class)
    void shouldKeepEachPeersOrderWhenPeersSendConcurrently(final Receiver receiverKind) throws Exception
    {
        final int perPeer = 2_000;
        final Socket receiver = socket(context, receiverKind.type);
        final List<Socket> senders = connectSenders(receiverKind, receiver, PEERS);

        final List<Thread> threads = new ArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < PEERS; i++)
        {
            final Socket sender = senders.get(i);
            final int peer = i;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    for (int j = 0; j < perPeer; j++)
                    {
                        if (!sender.send("peer-" + peer + ":" + j))
                        {
                            throw new AssertionError("send timed out");
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "sender-" + i);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        final Map<String, Integer> next = new HashMap<>();
        for (int n = 0; n < PEERS * perPeer; n++)
        {
            final String body = body(receiverKind, recvTexts(receiver));
            final String peer = body.substring(0, body.indexOf(':'));
            final int sequence = Integer.parseInt(body.substring(body.indexOf(':') + 1));
            final int expected = next.getOrDefault(peer, 0);
            assertEquals(expected, sequence, "message out of order from " + peer);
            next.put(peer, expected + 1);
        }
        for (final Thread thread : threads)
        {
            thread.join(WAIT_MS);
        }
        assertNull(failure.get(), () -> "a sender failed: " + failure.get());
        assertEquals(PEERS, next.size());
        for (final int count : next.values())
        {
            assertEquals(perPeer, count);
        }
        assertNothingReceived(receiver);
    }

    /**
     * libzmq's strict form (test_pull_fair_queue_in): every peer sends two messages before the receiver reads; the
     * receiver must hand out the first message of every peer before any peer's second one.
     */
    @Disabled("Not implemented: Monocoque fair-queues per read batch, not per message. The engine delivers " +
        "every whole message one read returned from a connection into the socket's single receive ring before it " +
        "turns to the next connection, so a peer's two queued messages arrive back to back (seen: the first four " +
        "messages were both of peer-0's and both of peer-1's)")
    @ParameterizedTest
    @EnumSource(Receiver.class)
    void shouldServeFirstMessageOfEveryPeerBeforeAnySecondMessage(final Receiver receiverKind)
    {
        final Socket receiver = socket(context, receiverKind.type);
        final List<Socket> senders = connectSenders(receiverKind, receiver, PEERS);

        for (int i = 0; i < PEERS; i++)
        {
            assertTrue(senders.get(i).send("peer-" + i + ":first"));
            assertTrue(senders.get(i).send("peer-" + i + ":second"));
        }
        sleep(QUIET_MS);

        final HashSet<String> firstHalf = new HashSet<>();
        for (int i = 0; i < PEERS; i++)
        {
            firstHalf.add(body(receiverKind, recvTexts(receiver)));
        }
        final HashSet<String> expected = new HashSet<>();
        for (int i = 0; i < PEERS; i++)
        {
            expected.add("peer-" + i + ":first");
        }
        assertEquals(expected, firstHalf, "the first " + PEERS + " messages should be one from each peer");
    }

    /**
     * A peer that floods the receiver must not starve a peer that sends one message: that message arrives while
     * the flood goes on.
     */
    @ParameterizedTest
    @EnumSource(Receiver.class)
    void shouldNotStarveAQuietPeerBehindAFloodingPeer(final Receiver receiverKind) throws Exception
    {
        final Socket receiver = context.socket(receiverKind.type);
        receiver.rcvHwmBytes(64 * 1024).lingerMs(0).rcvTimeoutMs(SemanticsSupport.RECV_TIMEOUT_MS);
        final List<Socket> senders = connectSenders(receiverKind, receiver, 2);
        final Socket flooder = senders.get(0);
        final Socket quiet = senders.get(1);
        flooder.sndTimeoutMs(100);

        final byte[] padding = new byte[1000];
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong flooded = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread flood = new Thread(() ->
        {
            try
            {
                long sequence = 0;
                while (!stop.get())
                {
                    if (flooder.send(bytes("peer-0:" + sequence), padding))
                    {
                        sequence++;
                        flooded.set(sequence);
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure.compareAndSet(null, ex);
            }
        }, "flooder");
        flood.start();
        try
        {
            // Let the flood fill every buffer on the way first.
            long expectedFlood = 0;
            while (expectedFlood < 2_000)
            {
                final List<String> frames = recvTexts(receiver);
                assertEquals("peer-0:" + expectedFlood, frames.get(receiverKind.prefixFrames()));
                expectedFlood++;
            }

            assertTrue(quiet.send(bytes("peer-1:quiet"), padding));
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            boolean quietArrived = false;
            while (!quietArrived)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    fail("the quiet peer's message did not arrive within " + WAIT_MS + " ms while " +
                        (flooded.get() - expectedFlood) + " flood messages were queued (starved)");
                }
                final List<String> frames = recvTexts(receiver);
                final String first = frames.get(receiverKind.prefixFrames());
                if (first.equals("peer-1:quiet"))
                {
                    quietArrived = true;
                }
                else
                {
                    assertEquals("peer-0:" + expectedFlood, first);
                    expectedFlood++;
                }
            }
            assertTrue(flood.isAlive(), "the flood should still be going");
        }
        finally
        {
            stop.set(true);
            flood.join(WAIT_MS);
        }
        assertNull(failure.get(), () -> "the flooder failed: " + failure.get());
    }
}
