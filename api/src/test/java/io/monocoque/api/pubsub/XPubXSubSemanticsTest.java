package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XPubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.monocoque.api.pubsub.PubSubSupport.assertNothingReceived;
import static io.monocoque.api.pubsub.PubSubSupport.pub;
import static io.monocoque.api.pubsub.PubSubSupport.subscriber;
import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.pubsub.PubSubSupport.xpub;
import static io.monocoque.api.pubsub.PubSubSupport.xsub;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recvText;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * XPUB and XSUB semantics after libzmq's test_xpub_verbose, test_xpub_nodrop and test_xsub tests (behaviour
 * checked against libzmq 4.3.4): which subscriptions an XPUB application sees with and without xpubVerbose,
 * unsubscriptions when the last holder cancels or leaves, upstream messages, XSUB subscriptions as messages.
 */
class XPubXSubSemanticsTest
{
    private static final String SUB_A = "\u0001A";
    private static final String SUB_B = "\u0001B";
    private static final String UNSUB_A = "\u0000A";
    private static final String UNSUB_B = "\u0000B";
    private static final int UPSTREAM_MESSAGE_BYTES = 20 * 1024;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldDeliverOnlyTheFirstSubscriptionToAPrefix()
    {
        final XPubSocket xpub = xpub(context);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final SubSocket first = subscriber(context, endpoint);
        final SubSocket second = subscriber(context, endpoint);
        awaitPeers(xpub, 2);

        first.subscribe("A");
        assertEquals(SUB_A, recvText(xpub));
        second.subscribe("A");
        first.subscribe("A");
        first.subscribe("B");
        assertEquals(SUB_B, recvText(xpub), "the duplicates of A were not delivered");
        assertNothingReceived(xpub);
    }

    @Test
    void shouldDeliverDuplicateSubscriptionsWhenVerbose()
    {
        final XPubSocket xpub = xpub(context);
        xpub.xpubVerbose(true);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final SubSocket first = subscriber(context, endpoint);
        final SubSocket second = subscriber(context, endpoint);
        awaitPeers(xpub, 2);

        first.subscribe("A");
        assertEquals(SUB_A, recvText(xpub));
        second.subscribe("A");
        assertEquals(SUB_A, recvText(xpub));
        first.subscribe("A");
        assertEquals(SUB_A, recvText(xpub));
        xpub.xpubVerbose(false);
        second.subscribe("A");
        first.subscribe("B");
        assertEquals(SUB_B, recvText(xpub), "verbose off again: the duplicate is filtered");
    }

    @Test
    void shouldDeliverAnUnsubscriptionWhenTheLastHolderCancels()
    {
        final XPubSocket xpub = xpub(context);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final SubSocket first = subscriber(context, endpoint);
        final SubSocket second = subscriber(context, endpoint);
        awaitPeers(xpub, 2);

        first.subscribe("A");
        assertEquals(SUB_A, recvText(xpub));
        second.subscribe("A");
        second.subscribe("M"); // a marker: a subscriber's subscriptions are processed in order
        assertEquals("\u0001M", recvText(xpub));
        first.unsubscribe("A");
        first.subscribe("B"); // another marker
        assertEquals(SUB_B, recvText(xpub), "A is still held by the second subscriber");
        second.unsubscribe("A");
        assertEquals(UNSUB_A, recvText(xpub));
        assertNothingReceived(xpub);
    }

    @Test
    void shouldDeliverUnsubscriptionsWhenASubscriberLeaves()
    {
        final XPubSocket xpub = xpub(context);
        xpub.pubWorkers(2); // the subscribers land on different workers, one on its own thread
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final SubSocket staying = subscriber(context, endpoint);
        final SubSocket leaving = subscriber(context, endpoint);
        awaitPeers(xpub, 2);

        staying.subscribe("A");
        assertEquals(SUB_A, recvText(xpub));
        leaving.subscribe("A");
        leaving.subscribe("B");
        assertEquals(SUB_B, recvText(xpub));
        leaving.close();
        assertEquals(UNSUB_B, recvText(xpub), "B had no other holder; A is still held");
        assertNothingReceived(xpub);
        awaitPeers(xpub, 1);
    }

    @Test
    void shouldPublishToSubscribersLikeAPub()
    {
        final XPubSocket xpub = xpub(context);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = subscriber(context, endpoint, "A");
        assertEquals(SUB_A, recvText(xpub));
        syncSubscription(xpub, sub, "A-probe");
        xpub.send("B1");
        xpub.send("A1");
        assertEquals("A1", recvText(sub));
        assertNothingReceived(sub);
    }

    @Test
    void shouldLetAnXsubSubscribeWithMessagesAndSendUpstream()
    {
        final XPubSocket xpub = xpub(context);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final XSubSocket xsub = xsub(context);
        xsub.connect(endpoint);
        awaitPeers(xpub, 1);

        xsub.send(new byte[]{1, 'A'});
        assertEquals(SUB_A, recvText(xpub));
        xsub.send("hello upstream");
        assertEquals("hello upstream", recvText(xpub), "an ordinary XSUB message reaches the XPUB application");
        xsub.send(bytes("two"), bytes("frames"));
        assertEquals(List.of("two", "frames"), recvTexts(xpub));
        syncSubscription(xpub, xsub, "A-probe");
        xsub.send(new byte[]{0, 'A'});
        assertEquals(UNSUB_A, recvText(xpub));
    }

    @Test
    void shouldDeliverAnUpstreamMessageLargerThanTheSubscriberConnectionStartsReading()
    {
        // The XPUB's connection to a subscriber reads with a 4 KiB buffer (it mostly carries subscriptions) and
        // grows it for a larger message; the worker forwards upstream messages of up to 32 KiB.
        final XPubSocket xpub = xpub(context);
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final XSubSocket xsub = xsub(context);
        xsub.connect(endpoint);
        awaitPeers(xpub, 1);

        final byte[] large = new byte[UPSTREAM_MESSAGE_BYTES];
        for (int i = 0; i < large.length; i++)
        {
            large[i] = (byte)('a' + i % 26);
        }
        xsub.send(large);
        final List<String> frames = recvTexts(xpub);
        assertEquals(List.of(new String(large, java.nio.charset.StandardCharsets.US_ASCII)), frames);
        xsub.send("small after large");
        assertEquals("small after large", recvText(xpub));
    }

    @Test
    void shouldCountXsubSubscriptionsBeforeCancellingUpstream()
    {
        final XPubSocket xpub = xpub(context);
        xpub.xpubVerbose(true); // see every subscribe that travels
        final String endpoint = xpub.bind("tcp://127.0.0.1:0");
        final XSubSocket xsub = xsub(context);
        xsub.connect(endpoint);
        awaitPeers(xpub, 1);

        xsub.subscribe("A");
        xsub.subscribe("A");
        assertEquals(SUB_A, recvText(xpub));
        assertEquals(SUB_A, recvText(xpub), "every subscribe travels, as libzmq 4.3's XSUB sends them");
        xsub.unsubscribe("A");
        xsub.subscribe("B");
        assertEquals(SUB_B, recvText(xpub), "the first unsubscribe leaves one subscription: nothing travels");
        xsub.unsubscribe("A");
        assertEquals(UNSUB_A, recvText(xpub));
    }

    @Test
    void shouldResendXsubSubscriptionsToEveryNewPublisher()
    {
        final XSubSocket xsub = xsub(context);
        final PubSocket pub1 = pub(context);
        final String endpoint1 = pub1.bind("tcp://127.0.0.1:0");
        xsub.connect(endpoint1);
        xsub.subscribe("A");
        syncSubscription(pub1, xsub, "A-probe");

        final XPubSocket late = xpub(context);
        final String endpoint2 = late.bind("tcp://127.0.0.1:0");
        xsub.connect(endpoint2);
        assertEquals(SUB_A, recvText(late), "a publisher connected later gets the existing subscriptions");
    }
}
