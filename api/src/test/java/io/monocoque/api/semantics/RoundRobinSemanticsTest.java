package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outgoing round-robin of DEALER and PUSH over their connected peers (RFC 28, RFC 30; libzmq's
 * test_push_round_robin_out and test_round_robin_out of test_spec_dealer.cpp), both sides Monocoque: with N peers,
 * each peer gets every N-th message, in the order sent, and nothing else.
 */
class RoundRobinSemanticsTest
{
    private static final int PEERS = 3;
    private static final int MESSAGES = PEERS * 20;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldRoundRobinPushOverConnectedPullPeers()
    {
        final Socket push = socket(context, SocketType.PUSH);
        final String endpoint = push.bind("tcp://127.0.0.1:0");
        final List<Socket> pulls = new ArrayList<>();
        for (int i = 0; i < PEERS; i++)
        {
            final Socket pull = socket(context, SocketType.PULL);
            pull.connect(endpoint);
            pulls.add(pull);
        }
        awaitPeers(push, PEERS);

        for (int i = 0; i < MESSAGES; i++)
        {
            assertTrue(push.send(bytes("msg-" + i), bytes("part-" + i)));
        }
        assertEveryPeerGotEveryNthMessage(pulls, 0);
    }

    @Test
    void shouldRoundRobinDealerOverConnectedRouterPeers()
    {
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.identity("D");
        final List<Socket> routers = new ArrayList<>();
        for (int i = 0; i < PEERS; i++)
        {
            final Socket router = socket(context, SocketType.ROUTER);
            dealer.connect(router.bind("tcp://127.0.0.1:0"));
            routers.add(router);
        }
        awaitPeers(dealer, PEERS);

        for (int i = 0; i < MESSAGES; i++)
        {
            assertTrue(dealer.send(bytes("msg-" + i), bytes("part-" + i)));
        }
        assertEveryPeerGotEveryNthMessage(routers, 1);
    }

    @Test
    void shouldRoundRobinDealerOverBoundDealerPeers()
    {
        final Socket dealer = socket(context, SocketType.DEALER);
        final String endpoint = dealer.bind("tcp://127.0.0.1:0");
        final List<Socket> peers = new ArrayList<>();
        for (int i = 0; i < PEERS; i++)
        {
            final Socket peer = socket(context, SocketType.DEALER);
            peer.connect(endpoint);
            peers.add(peer);
        }
        awaitPeers(dealer, PEERS);

        for (int i = 0; i < MESSAGES; i++)
        {
            assertTrue(dealer.send(bytes("msg-" + i), bytes("part-" + i)));
        }
        assertEveryPeerGotEveryNthMessage(peers, 0);

        // Replies come back fair-queued from all of them.
        final HashSet<String> replies = new HashSet<>();
        for (int i = 0; i < PEERS; i++)
        {
            assertTrue(peers.get(i).send("reply-" + i));
        }
        for (int i = 0; i < PEERS; i++)
        {
            assertTrue(replies.add(recvTexts(dealer).get(0)));
        }
        assertEquals(PEERS, replies.size());
    }

    /**
     * Each peer must receive MESSAGES / PEERS messages, numbered k, k + PEERS, k + 2 * PEERS... in that order, with
     * a distinct k per peer.
     *
     * @param prefixFrames frames the receiver puts in front (1 for a ROUTER's routing id).
     */
    private static void assertEveryPeerGotEveryNthMessage(final List<Socket> peers, final int prefixFrames)
    {
        final HashSet<Integer> offsets = new HashSet<>();
        for (final Socket peer : peers)
        {
            int first = -1;
            for (int j = 0; j < MESSAGES / PEERS; j++)
            {
                final List<String> frames = recvTexts(peer);
                assertEquals(prefixFrames + 2, frames.size(), "frames: " + frames);
                final String body = frames.get(prefixFrames);
                assertTrue(body.startsWith("msg-"), body);
                final int sequence = Integer.parseInt(body.substring(4));
                if (j == 0)
                {
                    first = sequence;
                    assertTrue(first < PEERS, "first message of a peer should be one of the first " + PEERS +
                        ", got " + sequence);
                }
                assertEquals(first + j * PEERS, sequence, "peer should get every " + PEERS + "th message in order");
                assertEquals("part-" + sequence, frames.get(prefixFrames + 1));
            }
            assertTrue(offsets.add(first), "two peers started at the same message " + first);
            assertNothingReceived(peer);
        }
        assertEquals(PEERS, offsets.size());
    }
}
