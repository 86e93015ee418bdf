package io.monocoque.api.lifecycle;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.PublisherSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestMessages;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PUB fan-out worker thread that dies (here: an Error from its idle strategy, which runs on the worker thread
 * outside everything the worker catches) does not freeze the publisher: its gating sequence stops pinning the ring,
 * its subscribers are disconnected and, reconnecting, are served again, and the error is reported. Before, the
 * dead worker's sequence held the ring and every send blocked once the ring was full.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PubWorkerFailureTest
{
    private static final int SUBSCRIBERS = 4;
    private static final int RING_BYTES = 64 * 1024;
    private static final int MESSAGES = 20_000;
    private static final byte[] PAYLOAD = new byte[100];
    /** One message for each prefix the XPUB case subscribes to (the PUB case's subscribers take everything). */
    private static final byte[] TOPIC_A = "A".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOPIC_B = "B".getBytes(StandardCharsets.US_ASCII);
    private static final String SUBSCRIBE_A = "\u0001A";
    private static final String SUBSCRIBE_B = "\u0001B";
    private static final String CANCEL_B = "\u0000B";

    private final List<DyingIdleStrategy> workerStrategies = new CopyOnWriteArrayList<>();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();

    @Test
    void shouldKeepPublishingAndServeItsSubscribersAgainWhenAWorkerThreadDies()
    {
        try (Context context = contextWithMortalWorkers(); Context subscriberContext = Context.create())
        {
            final PubSocket pub = (PubSocket)context.socket(SocketType.PUB);
            pub.pubWorkers(2).pubRingBytes(RING_BYTES).sndTimeoutMs(Await.WAIT_MS).lingerMs(0);
            final String endpoint = pub.bind("tcp://127.0.0.1:0");
            final List<Socket> subs = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++)
            {
                final SubSocket sub = (SubSocket)subscriberContext.socket(SocketType.SUB);
                sub.subscribe("");
                sub.reconnectIvlMs(20).rcvTimeoutMs(0).lingerMs(0);
                sub.connect(endpoint);
                subs.add(sub);
            }
            // Worker 0 runs in the engine's duty cycle, worker 1 on its own thread: least-loaded placement puts
            // half the subscribers on each.
            Await.await("every subscriber handed to a worker", () -> pub.connectedPeers() == SUBSCRIBERS);
            awaitEveryoneServed(pub, subs);

            killWorkerThread();

            // Far more than the ring holds: a dead worker's sequence would block the publisher once it wraps.
            for (int i = 0; i < MESSAGES; i++)
            {
                assertTrue(pub.send(PAYLOAD), "send " + i + " of " + MESSAGES + " timed out: the ring is pinned");
            }
            awaitEveryoneServed(pub, subs);
        }
    }

    @Test
    void shouldTellAnXpubApplicationItsSubscriberLeftAndCameBackWhenItsWorkerThreadDies()
    {
        try (Context context = contextWithMortalWorkers(); Context subscriberContext = Context.create())
        {
            final XPubSocket xpub = (XPubSocket)context.socket(SocketType.XPUB);
            xpub.pubWorkers(2).rcvTimeoutMs(Await.WAIT_MS).lingerMs(0);
            final String endpoint = xpub.bind("tcp://127.0.0.1:0");
            // Worker 0 (in the engine's duty cycle) takes the first subscriber, worker 1 (its own thread) the second.
            final SubSocket first = subscribed(subscriberContext, endpoint, "A");
            assertEquals(SUBSCRIBE_A, TestMessages.recvText(xpub));
            Await.await("first subscriber handed over", () -> xpub.connectedPeers() == 1);
            final SubSocket second = subscribed(subscriberContext, endpoint, "B");
            assertEquals(SUBSCRIBE_B, TestMessages.recvText(xpub));

            killWorkerThread();

            // B's only holder left with its worker and, reconnecting, subscribed again; A never noticed.
            assertEquals(CANCEL_B, TestMessages.recvText(xpub));
            assertEquals(SUBSCRIBE_B, TestMessages.recvText(xpub));
            awaitEveryoneServed(xpub, List.of(first, second));
        }
    }

    private static SubSocket subscribed(final Context context, final String endpoint, final String prefix)
    {
        final SubSocket sub = (SubSocket)context.socket(SocketType.SUB);
        sub.subscribe(prefix);
        sub.reconnectIvlMs(20).rcvTimeoutMs(0).lingerMs(0);
        sub.connect(endpoint);
        return sub;
    }

    /**
     * A context whose engine thread idles normally and whose fan-out worker threads idle with a strategy the test
     * can make throw.
     */
    private Context contextWithMortalWorkers()
    {
        final boolean[] engineStrategyMade = {false};
        return Context.builder()
            .errorHandler(reported::add)
            .idleStrategy(() ->
            {
                if (!engineStrategyMade[0])
                {
                    engineStrategyMade[0] = true; // the first one is the engine thread's
                    return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
                }
                final DyingIdleStrategy strategy = new DyingIdleStrategy();
                workerStrategies.add(strategy);
                return strategy;
            })
            .build();
    }

    /** Kill the first worker thread the context started, and wait until its runner has reported the Error. */
    private void killWorkerThread()
    {
        workerStrategies.get(0).dieNow();
        Await.await("the worker's error reported",
            () -> reported.stream().anyMatch(error -> error instanceof InjectedWorkerDeath));
    }

    /** Publish until every subscriber has received something published after this call began. */
    private static void awaitEveryoneServed(final PublisherSocket pub, final List<? extends Socket> subs)
    {
        for (final Socket sub : subs)
        {
            while (sub.recvMultipart() != null)
            {
                // discard what is already there
            }
        }
        final boolean[] served = new boolean[subs.size()];
        Await.await("every subscriber receives again", () ->
        {
            pub.send(TOPIC_A);
            pub.send(TOPIC_B);
            boolean all = true;
            for (int i = 0; i < subs.size(); i++)
            {
                served[i] |= subs.get(i).recvMultipart() != null;
                all &= served[i];
            }
            Await.sleep(1);
            return all;
        });
    }

    /** What the test throws on a worker thread to kill it. */
    private static final class InjectedWorkerDeath extends Error
    {
        private static final long serialVersionUID = 1L;

        InjectedWorkerDeath()
        {
            super("injected: the fan-out worker thread dies");
        }
    }

    /** A sleeping idle strategy that throws an Error once told to, killing the thread that idles with it. */
    private static final class DyingIdleStrategy implements IdleStrategy
    {
        private final SleepingIdleStrategy delegate = new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
        private volatile boolean die;

        void dieNow()
        {
            die = true;
        }

        @Override
        public void idle(final int workCount)
        {
            if (die)
            {
                die = false;
                throw new InjectedWorkerDeath();
            }
            delegate.idle(workCount);
        }

        @Override
        public void idle()
        {
            idle(0);
        }

        @Override
        public void reset()
        {
            delegate.reset();
        }
    }
}
