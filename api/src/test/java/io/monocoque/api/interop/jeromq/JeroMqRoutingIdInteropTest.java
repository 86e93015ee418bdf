package io.monocoque.api.interop.jeromq;

import io.monocoque.api.Context;
import io.monocoque.api.interop.jeromq.JeroMqInterop.Binder;
import io.monocoque.api.interop.jeromq.JeroMqInterop.JeroMqPeer;
import io.monocoque.api.interop.jeromq.JeroMqInterop.MonocoquePeer;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.ZContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.monocoque.api.interop.jeromq.JeroMqInterop.TIMEOUT_MS;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.assertFrames;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.bytes;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.connect;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.connectJeroMq;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.frames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Routing ids across Monocoque and JeroMQ 0.6.0: a DEALER's identity (sent in its READY) is the routing id frame
 * its messages carry on the peer ROUTER, anonymous DEALERs get distinct generated ids, and replies routed back by
 * those ids reach the right DEALER; also REQ's delimiter envelope through a ROUTER. Each test runs with either
 * library binding.
 */
@Timeout(60)
class JeroMqRoutingIdInteropTest
{
    private static final String[] IDENTITIES = {"peer-A", "peer-B", "peer-C"};

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final ZContext jeromq = resources.closeAfterTest(new ZContext());
    private final Context monocoque = resources.context(); // closed first

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldShowJeroMqDealerIdentityAsRoutingFrameOnMonocoqueRouter(final Binder binder)
    {
        final MonocoquePeer router = new MonocoquePeer(monocoque.socket(SocketType.ROUTER));
        final JeroMqPeer dealer = new JeroMqPeer(jeromq, SocketType.DEALER);
        dealer.socket.setIdentity(bytes("peer-A"));
        connect(binder, router, dealer);

        dealer.send(frames("hello", "world"));
        assertFrames(frames("peer-A", "hello", "world"), router.recv());

        router.send(frames("peer-A", "reply", "", "end"));
        assertFrames(frames("reply", "", "end"), dealer.recv());
    }

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldShowMonocoqueDealerIdentityAsRoutingFrameOnJeroMqRouter(final Binder binder)
    {
        final JeroMqPeer router = new JeroMqPeer(jeromq, SocketType.ROUTER);
        final MonocoquePeer dealer = new MonocoquePeer(monocoque.socket(SocketType.DEALER).identity("peer-B"));
        connect(binder, dealer, router);

        dealer.send(frames("hello", "world"));
        assertFrames(frames("peer-B", "hello", "world"), router.recv());

        router.send(frames("peer-B", "reply", "", "end"));
        assertFrames(frames("reply", "", "end"), dealer.recv());
    }

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldRouteRepliesToEachJeroMqDealerByIdentityOnMonocoqueRouter(final Binder binder)
    {
        final MonocoquePeer router = new MonocoquePeer(monocoque.socket(SocketType.ROUTER));
        final List<JeroMqPeer> dealers = new ArrayList<>();
        final String routerEndpoint = binder == Binder.MONOCOQUE ? router.bind() : null;
        for (final String identity : IDENTITIES)
        {
            final JeroMqPeer dealer = new JeroMqPeer(jeromq, SocketType.DEALER);
            dealer.socket.setIdentity(bytes(identity));
            if (binder == Binder.MONOCOQUE)
            {
                connectJeroMq(dealer, routerEndpoint, router);
            }
            else
            {
                connect(binder, router, dealer);
            }
            dealers.add(dealer);
        }
        assertEquals(IDENTITIES.length, router.socket.connectedPeers());

        for (int i = 0; i < IDENTITIES.length; i++)
        {
            dealers.get(i).send(frames("from " + IDENTITIES[i]));
        }
        final List<String> seen = new ArrayList<>();
        for (int i = 0; i < IDENTITIES.length; i++)
        {
            final byte[][] received = router.recv();
            assertEquals(2, received.length);
            final String identity = new String(received[0], java.nio.charset.StandardCharsets.UTF_8);
            assertArrayEquals(bytes("from " + identity), received[1], "body must come from the peer it names");
            seen.add(identity);
        }
        seen.sort(null);
        assertEquals(Arrays.asList(IDENTITIES), seen);

        // reply in reverse order, each to its own dealer
        for (int i = IDENTITIES.length - 1; i >= 0; i--)
        {
            router.send(frames(IDENTITIES[i], "to " + IDENTITIES[i]));
        }
        for (int i = 0; i < IDENTITIES.length; i++)
        {
            assertFrames(frames("to " + IDENTITIES[i]), dealers.get(i).recv());
        }
    }

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldRouteRepliesToEachMonocoqueDealerByIdentityOnJeroMqRouter(final Binder binder)
    {
        final JeroMqPeer router = new JeroMqPeer(jeromq, SocketType.ROUTER);
        final String routerEndpoint = binder == Binder.JEROMQ ? router.bind() : null;
        final List<MonocoquePeer> dealers = new ArrayList<>();
        for (final String identity : IDENTITIES)
        {
            final MonocoquePeer dealer = new MonocoquePeer(monocoque.socket(SocketType.DEALER).identity(identity));
            if (binder == Binder.JEROMQ)
            {
                dealer.connect(routerEndpoint);
                dealer.awaitPeers(1, TIMEOUT_MS);
            }
            else
            {
                connect(binder, dealer, router);
            }
            dealers.add(dealer);
        }

        for (int i = 0; i < IDENTITIES.length; i++)
        {
            dealers.get(i).send(frames("from " + IDENTITIES[i]));
        }
        final List<String> seen = new ArrayList<>();
        for (int i = 0; i < IDENTITIES.length; i++)
        {
            final byte[][] received = router.recv();
            assertEquals(2, received.length);
            final String identity = new String(received[0], java.nio.charset.StandardCharsets.UTF_8);
            assertArrayEquals(bytes("from " + identity), received[1], "body must come from the peer it names");
            seen.add(identity);
        }
        seen.sort(null);
        assertEquals(Arrays.asList(IDENTITIES), seen);

        for (int i = IDENTITIES.length - 1; i >= 0; i--)
        {
            router.send(frames(IDENTITIES[i], "to " + IDENTITIES[i]));
        }
        for (int i = 0; i < IDENTITIES.length; i++)
        {
            assertFrames(frames("to " + IDENTITIES[i]), dealers.get(i).recv());
        }
    }

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldGiveAnonymousJeroMqDealersDistinctGeneratedRoutingIdsOnMonocoqueRouter(final Binder binder)
    {
        final MonocoquePeer router = new MonocoquePeer(monocoque.socket(SocketType.ROUTER));
        final JeroMqPeer first = new JeroMqPeer(jeromq, SocketType.DEALER);
        final JeroMqPeer second = new JeroMqPeer(jeromq, SocketType.DEALER);
        if (binder == Binder.MONOCOQUE)
        {
            final String endpoint = router.bind();
            connectJeroMq(first, endpoint, router);
            connectJeroMq(second, endpoint, router);
        }
        else
        {
            connect(binder, router, first);
            connect(binder, router, second);
        }

        first.send(frames("first"));
        final byte[][] fromFirst = router.recv();
        assertFrames(new byte[][]{fromFirst[0], bytes("first")}, fromFirst);
        second.send(frames("second"));
        final byte[][] fromSecond = router.recv();
        assertFrames(new byte[][]{fromSecond[0], bytes("second")}, fromSecond);

        // libzmq's generated ids, as Monocoque documents them: a zero byte then a 32-bit counter
        assertEquals(5, fromFirst[0].length, "generated routing id length");
        assertEquals(0, fromFirst[0][0], "generated routing id starts with a zero byte");
        assertEquals(5, fromSecond[0].length, "generated routing id length");
        assertEquals(0, fromSecond[0][0], "generated routing id starts with a zero byte");
        assertFalse(Arrays.equals(fromFirst[0], fromSecond[0]), "two peers must not share a routing id");

        router.send(fromSecond[0], bytes("to second"));
        router.send(fromFirst[0], bytes("to first"));
        assertFrames(frames("to first"), first.recv());
        assertFrames(frames("to second"), second.recv());
    }

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldLetJeroMqRouterGenerateRoutingIdsForAnonymousMonocoqueDealers(final Binder binder)
    {
        final JeroMqPeer router = new JeroMqPeer(jeromq, SocketType.ROUTER);
        final MonocoquePeer first = new MonocoquePeer(monocoque.socket(SocketType.DEALER));
        final MonocoquePeer second = new MonocoquePeer(monocoque.socket(SocketType.DEALER));
        if (binder == Binder.JEROMQ)
        {
            final String endpoint = router.bind();
            first.connect(endpoint);
            second.connect(endpoint);
            first.awaitPeers(1, TIMEOUT_MS);
            second.awaitPeers(1, TIMEOUT_MS);
        }
        else
        {
            connect(binder, first, router);
            connect(binder, second, router);
        }

        first.send(frames("first"));
        final byte[][] fromFirst = router.recv();
        assertFrames(new byte[][]{fromFirst[0], bytes("first")}, fromFirst);
        second.send(frames("second"));
        final byte[][] fromSecond = router.recv();
        assertFrames(new byte[][]{fromSecond[0], bytes("second")}, fromSecond);

        // Monocoque sent no identity, so JeroMQ made its own 5-byte ids (a zero byte then a counter)
        assertEquals(5, fromFirst[0].length, "JeroMQ generated routing id length");
        assertEquals(0, fromFirst[0][0], "JeroMQ generated routing id starts with a zero byte");
        assertFalse(Arrays.equals(fromFirst[0], fromSecond[0]), "two peers must not share a routing id");

        router.send(fromSecond[0], bytes("to second"));
        router.send(fromFirst[0], bytes("to first"));
        assertFrames(frames("to first"), first.recv());
        assertFrames(frames("to second"), second.recv());
    }

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldCarryJeroMqReqEnvelopeThroughMonocoqueRouter(final Binder binder)
    {
        final MonocoquePeer router = new MonocoquePeer(monocoque.socket(SocketType.ROUTER));
        final JeroMqPeer req = new JeroMqPeer(jeromq, SocketType.REQ);
        req.socket.setIdentity(bytes("client-1"));
        connect(binder, router, req);

        for (int i = 0; i < 3; i++)
        {
            req.send(frames("request-" + i, "part"));
            assertFrames(frames("client-1", "", "request-" + i, "part"), router.recv());
            router.send(frames("client-1", "", "reply-" + i));
            assertFrames(frames("reply-" + i), req.recv());
        }
    }

    @ParameterizedTest(name = "{0} binds")
    @EnumSource(Binder.class)
    void shouldCarryMonocoqueReqEnvelopeThroughJeroMqRouter(final Binder binder)
    {
        final JeroMqPeer router = new JeroMqPeer(jeromq, SocketType.ROUTER);
        final MonocoquePeer req = new MonocoquePeer(monocoque.socket(SocketType.REQ).identity("client-2"));
        connect(binder, req, router);

        for (int i = 0; i < 3; i++)
        {
            req.send(frames("request-" + i, "part"));
            assertFrames(frames("client-2", "", "request-" + i, "part"), router.recv());
            router.send(frames("client-2", "", "reply-" + i));
            assertFrames(frames("reply-" + i), req.recv());
        }
    }
}
