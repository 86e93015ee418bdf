package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.HostUnreachableException;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static io.monocoque.api.semantics.SemanticsSupport.anyEventContains;
import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recv;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static io.monocoque.api.testing.TestMessages.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ROUTER semantics (RFC 28; libzmq's test_spec_router.cpp and test_router_mandatory.cpp), both sides Monocoque:
 * routing id prefix, routing by id, silent drop of unknown ids, routerMandatory.
 */
class RouterSemanticsTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final List<String> events = SemanticsSupport.newEventList();
    private final Context context = resources.contextRecordingErrors(events);

    private List<Socket> connectDealers(final String endpoint, final String... identities)
    {
        final List<Socket> dealers = new ArrayList<>();
        for (final String identity : identities)
        {
            final Socket dealer = socket(context, SocketType.DEALER);
            if (identity != null)
            {
                dealer.identity(identity);
            }
            dealer.connect(endpoint);
            dealers.add(dealer);
        }
        for (final Socket dealer : dealers)
        {
            awaitPeers(dealer, 1);
        }
        return dealers;
    }

    @Test
    void shouldPrefixMessagesWithThePeersIdentity()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final List<Socket> dealers = connectDealers(router.bind("tcp://127.0.0.1:0"), "alpha", "beta");

        assertTrue(dealers.get(0).send(bytes("one"), bytes("two")));
        assertReceives(router, "alpha", "one", "two");
        assertTrue(dealers.get(1).send("three"));
        assertReceives(router, "beta", "three");
        assertTrue(dealers.get(0).send(new byte[0]));
        assertReceives(router, "alpha", "");
    }

    @Test
    void shouldGenerateFiveByteRoutingIdsStartingWithZeroForAnonymousPeers()
    {
        final int peers = 3;
        final Socket router = socket(context, SocketType.ROUTER);
        final List<Socket> dealers = connectDealers(router.bind("tcp://127.0.0.1:0"), null, null, null);
        awaitPeers(router, peers);

        final List<byte[]> ids = new ArrayList<>();
        final HashSet<String> distinct = new HashSet<>();
        for (int i = 0; i < peers; i++)
        {
            assertTrue(dealers.get(i).send("hello-" + i));
            final byte[][] frames = recv(router);
            assertEquals(2, frames.length);
            assertEquals("hello-" + i, text(frames[1]));
            assertEquals(5, frames[0].length, "generated routing id length");
            assertEquals(0, frames[0][0], "generated routing ids start with a zero byte");
            assertTrue(distinct.add(Arrays.toString(frames[0])), "routing id reused: " + Arrays.toString(frames[0]));
            ids.add(frames[0]);
        }

        // The id is stable for the connection and routes replies back to it.
        for (int i = 0; i < peers; i++)
        {
            assertTrue(dealers.get(i).send("again-" + i));
            final byte[][] frames = recv(router);
            assertArrayEquals(ids.get(i), frames[0]);
        }
        for (int i = peers - 1; i >= 0; i--)
        {
            assertTrue(router.send(ids.get(i), bytes("reply-" + i)));
        }
        for (int i = 0; i < peers; i++)
        {
            assertReceives(dealers.get(i), "reply-" + i);
            assertNothingReceived(dealers.get(i));
        }
    }

    @Test
    void shouldRouteEachMessageToThePeerNamedByItsFirstFrame()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final String[] names = {"A", "B", "C"};
        final List<Socket> dealers = connectDealers(router.bind("tcp://127.0.0.1:0"), names);
        awaitPeers(router, names.length);

        for (int round = 0; round < 3; round++)
        {
            for (int i = names.length - 1; i >= 0; i--)
            {
                assertTrue(router.send(bytes(names[i]), bytes("to-" + names[i] + "-" + round), bytes("tail")));
            }
        }
        for (int i = 0; i < names.length; i++)
        {
            for (int round = 0; round < 3; round++)
            {
                assertReceives(dealers.get(i), "to-" + names[i] + "-" + round, "tail");
            }
            assertNothingReceived(dealers.get(i));
        }
    }

    @Test
    void shouldDropMessagesForUnknownRoutingIdsSilently()
    {
        final RouterSocket router = (RouterSocket)socket(context, SocketType.ROUTER);
        final List<Socket> dealers = connectDealers(router.bind("tcp://127.0.0.1:0"), "known");
        awaitPeers(router, 1);

        assertTrue(router.offer(bytes("nobody"), bytes("lost-1")) > 0, "offer to an unknown id reports success");
        assertTrue(router.send(bytes("nobody"), bytes("lost-2")));
        assertTrue(router.send(bytes("know"), bytes("lost-3")), "a prefix of a known id is another id");
        assertTrue(router.send(bytes("known"), bytes("delivered")));

        assertReceives(dealers.get(0), "delivered");
        assertNothingReceived(dealers.get(0));
    }

    @Test
    void shouldRefuseUnknownRoutingIdsWithRouterMandatory()
    {
        final RouterSocket router = (RouterSocket)socket(context, SocketType.ROUTER);
        router.routerMandatory(true);
        final List<Socket> dealers = connectDealers(router.bind("tcp://127.0.0.1:0"), "known");
        awaitPeers(router, 1);

        assertEquals(SendResult.HOST_UNREACHABLE, router.offer(bytes("nobody"), bytes("x")));
        final HostUnreachableException thrown =
            assertThrows(HostUnreachableException.class, () -> router.send(bytes("nobody"), bytes("x")));
        assertTrue(thrown.getMessage().contains("routing id"), thrown.getMessage());

        assertTrue(router.send(bytes("known"), bytes("delivered")));
        assertReceives(dealers.get(0), "delivered");
        assertNothingReceived(dealers.get(0));

        // The option by name, as tools set it, switches it off again.
        router.option("routerMandatory", "false");
        assertTrue(router.offer(bytes("nobody"), bytes("x")) > 0);
        router.option("routerMandatory", "1");
        assertEquals(SendResult.HOST_UNREACHABLE, router.offer(bytes("nobody"), bytes("x")));
    }

    @Test
    void shouldForgetTheRoutingIdOfAPeerThatLeft()
    {
        final RouterSocket router = (RouterSocket)socket(context, SocketType.ROUTER);
        router.routerMandatory(true);
        final List<Socket> dealers = connectDealers(router.bind("tcp://127.0.0.1:0"), "stays", "leaves");
        awaitPeers(router, 2);
        assertTrue(router.offer(bytes("leaves"), bytes("hello")) > 0);
        assertReceives(dealers.get(1), "hello");

        dealers.get(1).close();
        awaitPeers(router, 1);
        await("the ROUTER to forget 'leaves'",
            () -> router.offer(bytes("leaves"), bytes("late")) == SendResult.HOST_UNREACHABLE);
        assertTrue(router.send(bytes("stays"), bytes("still here")));
        assertReceives(dealers.get(0), "still here");
    }

    @Test
    void shouldRefuseASecondPeerWithAnIdentityAlreadyInUse()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        final Socket first = connectDealers(endpoint, "same").get(0);
        awaitPeers(router, 1);

        final Socket second = socket(context, SocketType.DEALER);
        second.identity("same");
        second.connect(endpoint);
        await("the ROUTER to refuse the duplicate identity",
            () -> anyEventContains(events, "identity already in use"));
        assertEquals(1, router.connectedPeers());

        assertTrue(router.send(bytes("same"), bytes("for the first")));
        assertReceives(first, "for the first");
        assertTrue(first.send("from the first"));
        assertEquals(List.of("same", "from the first"), recvTexts(router));
        assertNothingReceived(second);
    }
}
