package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.monocoque.api.pubsub.PubSubSupport.assertNothingReceived;
import static io.monocoque.api.pubsub.PubSubSupport.pub;
import static io.monocoque.api.pubsub.PubSubSupport.sub;
import static io.monocoque.api.pubsub.PubSubSupport.subscriber;
import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.pubsub.PubSubSupport.xsub;
import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.Loopback.reservePort;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recvText;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PUB/SUB semantics after libzmq's test_spec_pubsub and test_pubsub: prefix matching on the first frame, the empty
 * prefix, counted duplicate subscriptions, unsubscribe, publisher-side filtering, late joiners, re-subscription
 * after a publisher restart, drops at a subscriber's HWM (counted), several workers.
 */
class PubSubSemanticsTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldDeliverOnlyMessagesWhoseFirstFrameStartsWithAPrefix()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint, "A", "BB");
        syncSubscription(pub, sub, "A-probe");

        for (final String topic : List.of("A1", "C1", "B1", "BB1", "", "AB", "a1", "BB"))
        {
            pub.send(topic);
        }
        assertEquals("A1", recvText(sub));
        assertEquals("BB1", recvText(sub));
        assertEquals("AB", recvText(sub));
        assertEquals("BB", recvText(sub));
        assertNothingReceived(sub);
    }

    @Test
    void shouldKeepPublishingWhenThePublisherMovesToAnotherThread() throws Exception
    {
        // A socket belongs to one thread at a time, but may be handed over (libzmq allows it with a full memory
        // barrier; Thread.start/join give one). The Disruptor's single-producer sequencer asserts one producing
        // thread in next(); the publisher uses tryNext(), so with assertions on (as here) the move must work.
        assertTrue(PubSocket.class.desiredAssertionStatus(), "this test needs -ea to mean anything");
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint, "");
        syncSubscription(pub, sub, "probe");
        final Throwable[] failure = new Throwable[1];
        for (final String text : List.of("from-first-thread", "from-second-thread"))
        {
            final Thread publisher = new Thread(() ->
            {
                try
                {
                    pub.send(text);
                }
                catch (final Throwable ex)
                {
                    failure[0] = ex;
                }
            });
            publisher.start();
            publisher.join();
            assertEquals(null, failure[0], "publishing from " + text);
        }

        assertEquals("from-first-thread", recvText(sub));
        assertEquals("from-second-thread", recvText(sub));
    }

    @Test
    void shouldGiveASubscriberASmallSendRingUnlessTheApplicationSetsOne()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket byDefault = subscriber(context, endpoint);
        final SubSocket chosen = sub(context);
        chosen.sndHwmBytes(1024 * 1024);
        chosen.connect(endpoint);

        assertEquals(SubSocket.DEFAULT_SUBSCRIPTION_RING_BYTES, byDefault.sndHwmBytes());
        assertEquals(1024 * 1024, chosen.sndHwmBytes());
    }

    @Test
    void shouldDeliverMessagesMatchingALongSubscriptionThroughTheDefaultSendRing()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = sub(context);
        final String topic = "t".repeat(4096); // half of what the 64 KiB default ring's largest record holds
        sub.subscribe(topic);
        sub.connect(endpoint);
        syncSubscription(pub, sub, topic + "-probe");

        pub.send("other");
        pub.send(topic + "-payload");
        assertEquals(topic + "-payload", recvText(sub));
        assertNothingReceived(sub);
    }

    @Test
    void shouldDeliverEverythingToAnEmptyPrefixSubscription()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint, "");
        syncSubscription(pub, sub, "probe");

        pub.send("");
        pub.send("x");
        pub.send(new byte[]{0, 1, 2});
        assertEquals("", recvText(sub));
        assertEquals("x", recvText(sub));
        assertEquals(List.of("\u0000\u0001\u0002"), recvTexts(sub));
    }

    @Test
    void shouldDeliverNothingWithoutASubscription()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final XSubSocket silent = xsub(context); // no local filter: anything the publisher sent would show
        silent.connect(endpoint);
        final SubSocket probe = subscriber(context, endpoint, "");
        awaitPeers(pub, 2);
        syncSubscription(pub, probe, "probe");

        pub.send("A");
        assertEquals("A", recvText(probe));
        assertNothingReceived(silent);
    }

    @Test
    void shouldMatchTheFirstFrameOnlyAndDeliverWholeMessages()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint, "topic");
        syncSubscription(pub, sub, "topic-probe");

        pub.send(bytes("other"), bytes("topic"));
        pub.send(bytes("topic.1"), bytes("a"), bytes(""), bytes("c"));
        assertEquals(List.of("topic.1", "a", "", "c"), recvTexts(sub));
        assertNothingReceived(sub);
    }

    @Test
    void shouldFilterOnThePublisherSide()
    {
        // An XSUB does not filter on receipt, so what it gets is exactly what the publisher chose to send it.
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final XSubSocket xsub = xsub(context);
        xsub.connect(endpoint);
        xsub.subscribe("A");
        syncSubscription(pub, xsub, "A-probe");

        pub.send("B1");
        pub.send("A1");
        pub.send("C1");
        pub.send("A2");
        assertEquals("A1", recvText(xsub));
        assertEquals("A2", recvText(xsub));
        assertNothingReceived(xsub);
    }

    @Test
    void shouldNeedAsManyUnsubscribesAsSubscribes()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint, "sync1", "A", "A");
        syncSubscription(pub, sub, "sync1");

        sub.unsubscribe("A");
        sub.subscribe("sync2"); // subscriptions travel in order: once sync2 works, the unsubscribe has arrived
        syncSubscription(pub, sub, "sync2");
        pub.send("A1");
        assertEquals("A1", recvText(sub), "one subscription to A is left");

        sub.unsubscribe("A");
        sub.subscribe("sync3");
        syncSubscription(pub, sub, "sync3");
        pub.send("A2");
        pub.send("sync3-end");
        assertEquals("sync3-end", recvText(sub), "A2 must not arrive once both subscriptions are cancelled");
    }

    @Test
    void shouldStopSendingToAnUnsubscribedXsubAtThePublisher()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final XSubSocket xsub = xsub(context);
        xsub.connect(endpoint);
        xsub.subscribe("A");
        xsub.subscribe("S");
        syncSubscription(pub, xsub, "S1");
        xsub.unsubscribe("A");
        xsub.subscribe("T");
        syncSubscription(pub, xsub, "T1");

        pub.send("A1");
        pub.send("S-end");
        assertEquals("S-end", recvText(xsub), "the publisher stopped sending A without any local filter");
    }

    @Test
    void shouldIgnoreUnsubscribingAPrefixNeverSubscribed()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = sub(context);
        sub.subscribe("A");
        sub.unsubscribe("B");
        sub.unsubscribe("A-longer");
        sub.connect(endpoint);
        syncSubscription(pub, sub, "A-probe");
        pub.send("A1");
        assertEquals("A1", recvText(sub));
    }

    @Test
    void shouldGiveALateJoinerOnlyLaterMessages()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket early = subscriber(context, endpoint, "");
        syncSubscription(pub, early, "probe-early");
        for (int i = 0; i < 100; i++)
        {
            pub.send("before-" + i);
        }
        for (int i = 0; i < 100; i++)
        {
            assertEquals("before-" + i, recvText(early));
        }

        final SubSocket late = subscriber(context, endpoint, "");
        syncSubscription(pub, late, "probe-late");
        pub.send("after");
        assertEquals("after", recvText(late), "the late joiner starts with what was published after it joined");
        String got;
        do
        {
            got = recvText(early);
        }
        while (got.equals("probe-late"));
        assertEquals("after", got);
    }

    @Test
    void shouldDeliverToEverySubscriberItsOwnSelection()
    {
        final PubSocket pub = pub(context);
        pub.pubWorkers(3);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final List<SubSocket> subs = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            final SubSocket sub = subscriber(context, endpoint, "all", "s" + i, "probe" + i);
            subs.add(sub);
        }
        awaitPeers(pub, 5);
        for (int i = 0; i < 5; i++)
        {
            syncSubscription(pub, subs.get(i), "probe" + i);
        }
        for (int i = 0; i < 5; i++)
        {
            pub.send("s" + i + "-only");
        }
        pub.send("all-end");
        for (int i = 0; i < 5; i++)
        {
            assertEquals("s" + i + "-only", recvText(subs.get(i)));
            assertEquals("all-end", recvText(subs.get(i)));
        }
    }

    @Test
    void shouldResubscribeWhenThePublisherRestartsOnTheSamePort() throws Exception
    {
        final String endpoint = endpoint(reservePort());
        final SubSocket sub = sub(context);
        sub.reconnectIvlMs(20);
        sub.subscribe("A");
        sub.connect(endpoint); // before the publisher exists: connect retries

        try (Context first = Context.create())
        {
            final PubSocket pub = pub(first);
            pub.bind(endpoint);
            syncSubscription(pub, sub, "A-first");
            pub.send("A-from-first");
            assertEquals("A-from-first", recvText(sub));
        }
        // The publisher is gone; a new one binds the same port. The subscriber's code does nothing.
        try (Context second = Context.create())
        {
            final PubSocket pub = pub(second);
            pub.bind(endpoint);
            syncSubscription(pub, sub, "A-second");
            pub.send("B-filtered");
            pub.send("A-from-second");
            assertEquals("A-from-second", recvText(sub));
        }
    }

    @Test
    void shouldReconnectAConnectingPublisherToARestartedSubscriber() throws Exception
    {
        final String endpoint = endpoint(reservePort());
        final PubSocket pub = pub(context);
        pub.reconnectIvlMs(20);
        pub.connect(endpoint); // the publisher connects; the subscriber binds (and restarts)
        try (Context first = Context.create())
        {
            final SubSocket sub = sub(first);
            sub.subscribe("A");
            sub.bind(endpoint);
            syncSubscription(pub, sub, "A-first");
        }
        await("the publisher to notice the subscriber left", () -> pub.connectedPeers() == 0);
        try (Context second = Context.create())
        {
            final SubSocket sub = sub(second);
            sub.subscribe("B");
            sub.bind(endpoint);
            syncSubscription(pub, sub, "B-second");
            pub.send("A-not-any-more");
            pub.send("B1");
            assertEquals("B1", recvText(sub), "the new subscriber's subscriptions replaced the old ones");
        }
    }

    @Test
    void shouldStopPublishingToAnEndpointTheApplicationDisconnects()
    {
        final SubSocket kept = sub(context);
        kept.subscribe("k").subscribe("all");
        final String keptEndpoint = kept.bind("tcp://127.0.0.1:0");
        final SubSocket dropped = sub(context);
        dropped.subscribe("d").subscribe("all");
        final String droppedEndpoint = dropped.bind("tcp://127.0.0.1:0");
        final PubSocket pub = pub(context);
        pub.pubWorkers(2);
        pub.connect(keptEndpoint);
        pub.connect(droppedEndpoint);
        awaitPeers(pub, 2);
        syncSubscription(pub, kept, "k-probe");
        syncSubscription(pub, dropped, "d-probe");
        pub.send("all-before");
        assertEquals("all-before", recvText(kept));
        assertEquals("all-before", recvText(dropped));

        assertTrue(pub.disconnect(droppedEndpoint)); // its connection is owned by a fan-out worker
        awaitPeers(pub, 1);
        pub.send("all-after");
        assertEquals("all-after", recvText(kept));
        assertNothingReceived(dropped);
        assertEquals(List.of(keptEndpoint), pub.endpoints());
    }

    @Test
    void shouldFlushPublishedMessagesWhenClosedWithLinger()
    {
        final int count = 2_000;
        final PubSocket pub = (PubSocket)context.socket(io.monocoque.api.SocketType.PUB);
        pub.lingerMs(10_000);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint, "");
        syncSubscription(pub, sub, "probe");
        for (int i = 0; i < count; i++)
        {
            pub.send("m" + i);
        }
        pub.close(); // returns at once; the fan-out keeps writing until everything is out
        for (int i = 0; i < count; i++)
        {
            assertEquals("m" + i, recvText(sub));
        }
    }

    @Test
    void shouldDropAtASlowSubscribersHwmAndCountEveryDrop()
    {
        final int count = 20_000;
        final int size = 1024;
        final PubSocket pub = pub(context);
        pub.sndHwmBytes(64 * 1024); // the subscriber's buffer on the publisher side
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = sub(context);
        sub.rcvHwmBytes(64 * 1024);
        sub.subscribe("");
        sub.connect(endpoint);
        syncSubscription(pub, sub, "probe");

        final byte[] body = new byte[size];
        for (int i = 0; i < count; i++)
        {
            ByteBuffer.wrap(body).putInt(i);
            pub.send(body); // never blocks on the subscriber, which reads nothing meanwhile
        }
        await("drops to be counted", () -> pub.droppedMessages() > 0);

        // Now read everything: what arrives plus what was dropped is exactly what was sent, in order.
        final Message message = new Message();
        int received = 0;
        int last = -1;
        sub.rcvTimeoutMs(1000);
        while (sub.recv(message))
        {
            final int index = message.buffer().getInt(message.frameOffset(0), java.nio.ByteOrder.BIG_ENDIAN);
            assertTrue(index > last, "messages arrive in order: " + index + " after " + last);
            last = index;
            received++;
        }
        final long dropped = pub.droppedMessages();
        assertTrue(received > 0 && dropped > 0, "received " + received + ", dropped " + dropped);
        assertEquals(count, received + dropped, "received " + received + " + dropped " + dropped);
    }

    @Test
    void shouldRefuseToSendOnSubAndToReceiveOnPub()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint);
        assertThrows(UnsupportedOperationException.class, () -> sub.send("x"));
        assertThrows(UnsupportedOperationException.class, pub::recvMultipart);
    }

    @Test
    void shouldReportConnectedSubscribersAndDropWithoutAny()
    {
        final PubSocket pub = pub(context);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        assertTrue(pub.send("nobody listens"), "a publisher with no subscriber drops silently");
        assertEquals(0, pub.connectedPeers());
        final SubSocket sub = subscriber(context, endpoint);
        awaitPeers(pub, 1);
        sub.close();
        awaitPeers(pub, 0);
        assertEquals(0, pub.droppedMessages());
    }
}
