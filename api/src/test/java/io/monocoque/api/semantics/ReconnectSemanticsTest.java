package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.monocoque.api.semantics.SemanticsSupport.FAST_RECONNECT_MS;
import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.Loopback.reservePort;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconnection, both sides Monocoque, with sequence numbers: messages sent while the peer is down wait and arrive
 * in order once it is back, none lost, and none that had been fully received before is delivered again.
 */
class ReconnectSemanticsTest
{
    /** A sending socket type connected to a receiving one. */
    enum Link
    {
        DEALER_TO_ROUTER(SocketType.DEALER, SocketType.ROUTER),
        DEALER_TO_DEALER(SocketType.DEALER, SocketType.DEALER),
        PUSH_TO_PULL(SocketType.PUSH, SocketType.PULL),
        PAIR_TO_PAIR(SocketType.PAIR, SocketType.PAIR);

        final SocketType sender;
        final SocketType receiver;

        Link(final SocketType sender, final SocketType receiver)
        {
            this.sender = sender;
            this.receiver = receiver;
        }
    }

    private static final int BATCH = 100;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private static void sendBatch(final Socket sender, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            assertTrue(sender.send(bytes("seq-" + i), bytes("payload-" + i)));
        }
    }

    private static void receiveBatch(final Link link, final Socket receiver, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final List<String> frames = recvTexts(receiver);
            final List<String> body = link.receiver == SocketType.ROUTER ? frames.subList(1, frames.size()) : frames;
            if (link.receiver == SocketType.ROUTER)
            {
                assertEquals("sender", frames.get(0), "routing id");
            }
            assertEquals(List.of("seq-" + i, "payload-" + i), body, "expected message " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Link.class)
    void shouldDeliverMessagesQueuedWhileTheBoundReceiverWasDown(final Link link)
    {
        final int port = reservePort();
        Context receiverContext = resources.context();
        Socket receiver = socket(receiverContext, link.receiver);
        receiver.bind(endpoint(port));

        final Socket sender = socket(context, link.sender);
        sender.identity("sender").reconnectIvlMs(FAST_RECONNECT_MS);
        sender.connect(endpoint(port));

        for (int restart = 0; restart < 3; restart++)
        {
            final int base = restart * 2 * BATCH;
            // While up: flows.
            sendBatch(sender, base, base + BATCH);
            receiveBatch(link, receiver, base, base + BATCH);

            // Down: the receiver's process goes away; what is sent meanwhile waits in the sender.
            receiverContext.close();
            awaitPeers(sender, 0);
            sendBatch(sender, base + BATCH, base + 2 * BATCH);

            // Back on the same port: exactly the messages sent while it was down, in order.
            receiverContext = resources.context();
            receiver = socket(receiverContext, link.receiver);
            receiver.bind(endpoint(port));
            receiveBatch(link, receiver, base + BATCH, base + 2 * BATCH);
            assertNothingReceived(receiver);
        }
        sendBatch(sender, 6 * BATCH, 7 * BATCH);
        receiveBatch(link, receiver, 6 * BATCH, 7 * BATCH);
        assertNothingReceived(receiver);
    }

    @Test
    void shouldReconnectAConnectedPullToARestartedBoundPush()
    {
        final int port = reservePort();
        final Context pushContext1 = resources.context();
        final Socket push1 = socket(pushContext1, SocketType.PUSH);
        push1.bind(endpoint(port));
        final Socket pull = socket(context, SocketType.PULL);
        pull.reconnectIvlMs(FAST_RECONNECT_MS);
        pull.connect(endpoint(port));
        awaitPeers(push1, 1);

        sendBatch(push1, 0, BATCH);
        receiveBatch(Link.PUSH_TO_PULL, pull, 0, BATCH);
        pushContext1.close();

        // The new PUSH queues until the PULL has found it again, then delivers everything.
        final Context pushContext2 = resources.context();
        final Socket push2 = socket(pushContext2, SocketType.PUSH);
        push2.bind(endpoint(port));
        sendBatch(push2, BATCH, 2 * BATCH);
        receiveBatch(Link.PUSH_TO_PULL, pull, BATCH, 2 * BATCH);
        sendBatch(push2, 2 * BATCH, 3 * BATCH);
        receiveBatch(Link.PUSH_TO_PULL, pull, 2 * BATCH, 3 * BATCH);
        assertNothingReceived(pull);
    }

    @Test
    void shouldLetARestartedBoundRouterReachTheReconnectedDealer()
    {
        final int port = reservePort();
        final Context routerContext1 = resources.context();
        final Socket router1 = socket(routerContext1, SocketType.ROUTER);
        router1.bind(endpoint(port));
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.identity("dealer").reconnectIvlMs(FAST_RECONNECT_MS);
        dealer.connect(endpoint(port));
        awaitPeers(router1, 1);

        assertTrue(router1.send(bytes("dealer"), bytes("before")));
        assertReceives(dealer, "before");
        routerContext1.close();
        awaitPeers(dealer, 0);

        final Context routerContext2 = resources.context();
        final RouterSocket router2 = (RouterSocket)socket(routerContext2, SocketType.ROUTER);
        router2.routerMandatory(true);
        router2.bind(endpoint(port));
        await("the new ROUTER to know the reconnected DEALER",
            () -> router2.offer(bytes("dealer"), bytes("after")) != SendResult.HOST_UNREACHABLE);
        assertReceives(dealer, "after");
        assertTrue(dealer.send("hello again"));
        assertReceives(router2, "dealer", "hello again");
        assertNothingReceived(dealer);
    }

    @Test
    void shouldDeliverMessagesQueuedInABoundPushToTheNextPeer()
    {
        final Socket push = socket(context, SocketType.PUSH);
        final String endpoint = push.bind("tcp://127.0.0.1:0");
        final Context pullContext1 = resources.context();
        final Socket pull1 = socket(pullContext1, SocketType.PULL);
        pull1.connect(endpoint);
        awaitPeers(push, 1);

        sendBatch(push, 0, BATCH);
        receiveBatch(Link.PUSH_TO_PULL, pull1, 0, BATCH);
        pullContext1.close();
        awaitPeers(push, 0);

        sendBatch(push, BATCH, 2 * BATCH);
        final Context pullContext2 = resources.context();
        final Socket pull2 = socket(pullContext2, SocketType.PULL);
        pull2.connect(endpoint);
        receiveBatch(Link.PUSH_TO_PULL, pull2, BATCH, 2 * BATCH);
        assertNothingReceived(pull2);
    }

    /** A bound socket's peer count goes down when its peer leaves, whatever the socket type. */
    @ParameterizedTest
    @EnumSource(value = SocketType.class, names = {"PULL", "PUSH", "DEALER", "ROUTER", "REP", "REQ", "PAIR"})
    void shouldCountAPeerThatLeft(final SocketType boundType)
    {
        final SocketType peerType;
        switch (boundType)
        {
            case PULL:
                peerType = SocketType.PUSH;
                break;
            case PUSH:
                peerType = SocketType.PULL;
                break;
            case REP:
                peerType = SocketType.REQ;
                break;
            case REQ:
                peerType = SocketType.REP;
                break;
            case ROUTER:
                peerType = SocketType.DEALER;
                break;
            default:
                peerType = boundType;
                break;
        }
        final Socket bound = socket(context, boundType);
        final String endpoint = bound.bind("tcp://127.0.0.1:0");
        final Context peerContext = resources.context();
        final Socket peer = socket(peerContext, peerType);
        peer.connect(endpoint);
        awaitPeers(bound, 1);

        peerContext.close();
        await("the bound " + boundType + " to count its peer gone (still " + bound.connectedPeers() + ")",
            () -> bound.connectedPeers() == 0);
    }
}
