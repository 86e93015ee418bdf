package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketStateException;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestMessages;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.semantics.SemanticsSupport.QUIET_MS;
import static io.monocoque.api.semantics.SemanticsSupport.assertNothingReceived;
import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.WAIT_MS;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Await.sleep;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recv;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static io.monocoque.api.testing.TestMessages.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * REQ and REP semantics (RFC 28), modelled on libzmq's tests/test_spec_req.cpp and test_spec_rep.cpp, both sides
 * Monocoque.
 */
class ReqRepSemanticsTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    // ------------------------------------------------------------------ REQ

    @Test
    void shouldRefuseSecondRequestBeforeTheReply()
    {
        final Socket rep = socket(context, SocketType.REP);
        final Socket req = socket(context, SocketType.REQ);
        req.connect(rep.bind("tcp://127.0.0.1:0"));

        assertTrue(req.send("first"));
        final SocketStateException onSend = assertThrows(SocketStateException.class, () -> req.send("second"));
        assertTrue(onSend.getMessage().contains("REQ must receive the reply"), onSend.getMessage());
        final SocketStateException onOffer =
            assertThrows(SocketStateException.class, () -> req.offer(bytes("second")));
        assertTrue(onOffer.getMessage().contains("REQ must receive the reply"), onOffer.getMessage());

        // Only the first request went out, and after its reply the REQ may send again.
        assertReceives(rep, "first");
        assertTrue(rep.send("reply"));
        assertReceives(req, "reply");
        assertNothingReceived(rep);
        assertTrue(req.send("third"));
        assertReceives(rep, "third");
    }

    @Test
    void shouldRefuseToReceiveBeforeSending()
    {
        final Socket rep = socket(context, SocketType.REP);
        final Socket req = socket(context, SocketType.REQ);
        req.connect(rep.bind("tcp://127.0.0.1:0"));

        final SocketStateException onRecv = assertThrows(SocketStateException.class, req::recvMultipart);
        assertTrue(onRecv.getMessage().contains("REQ must send a request before receiving"), onRecv.getMessage());
        assertThrows(SocketStateException.class, () -> req.poll(view -> fail("no message expected"), 10));

        // The same after a complete round trip.
        assertTrue(req.send("ping"));
        assertReceives(rep, "ping");
        assertTrue(rep.send("pong"));
        assertReceives(req, "pong");
        assertThrows(SocketStateException.class, req::recvString);
    }

    @Test
    void shouldPutEmptyDelimiterInFrontOfRequestAndStripItFromReply()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final Socket req = socket(context, SocketType.REQ);
        req.identity("A");
        req.connect(router.bind("tcp://127.0.0.1:0"));

        assertTrue(req.send(bytes("ABC"), bytes("DEF")));
        assertEquals(List.of("A", "", "ABC", "DEF"), recvTexts(router));

        assertTrue(router.send(bytes("A"), new byte[0], bytes("GHI")));
        assertEquals(List.of("GHI"), recvTexts(req));
    }

    @Test
    void shouldDropReplyWithoutDelimiter()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final Socket req = socket(context, SocketType.REQ);
        req.identity("A");
        req.connect(router.bind("tcp://127.0.0.1:0"));

        assertTrue(req.send("request"));
        assertEquals(List.of("A", "", "request"), recvTexts(router));
        assertTrue(router.send(bytes("A"), bytes("no-delimiter")));
        assertTrue(router.send(bytes("A"), new byte[0], bytes("good")));
        assertEquals(List.of("good"), recvTexts(req));
    }

    @Test
    void shouldRoundRobinRequestsOverConnectedReps()
    {
        final int services = 3;
        final List<Socket> reps = new ArrayList<>();
        final Socket req = socket(context, SocketType.REQ);
        for (int i = 0; i < services; i++)
        {
            final Socket rep = socket(context, SocketType.REP);
            reps.add(rep);
            req.connect(rep.bind("tcp://127.0.0.1:0"));
        }
        awaitPeers(req, services);

        final List<Integer> servedBy = new ArrayList<>();
        for (int i = 0; i < services * 3; i++)
        {
            assertTrue(req.send("request-" + i));
            final int served = receiveOnAny(reps, "request-" + i);
            servedBy.add(served);
            assertTrue(reps.get(served).send("reply-" + i + "-from-" + served));
            assertReceives(req, "reply-" + i + "-from-" + served);
        }

        // Every REP once per round, in the same order every round.
        final List<Integer> firstRound = servedBy.subList(0, services);
        assertEquals(services, new HashSet<>(firstRound).size(), "first round should use every REP: " + servedBy);
        for (int i = services; i < servedBy.size(); i++)
        {
            assertEquals(servedBy.get(i - services), servedBy.get(i), "not round-robin: " + servedBy);
        }
        for (final Socket rep : reps)
        {
            assertNothingReceived(rep);
        }
    }

    @Test
    void shouldAcceptOnlyTheReplyOfThePeerItAsked()
    {
        final int services = 3;
        final Socket req = socket(context, SocketType.REQ);
        req.identity("A");
        final String endpoint = req.bind("tcp://127.0.0.1:0");
        final List<Socket> routers = new ArrayList<>();
        for (int i = 0; i < services; i++)
        {
            final RouterSocket router = (RouterSocket)socket(context, SocketType.ROUTER);
            router.routerMandatory(true);
            router.connect(endpoint);
            routers.add(router);
        }
        awaitPeers(req, services);
        for (final Socket router : routers)
        {
            awaitPeers(router, 1);
        }

        final List<Integer> servedBy = new ArrayList<>();
        for (int round = 0; round < services * 2; round++)
        {
            assertTrue(req.send("ABC-" + round));
            final int asked = receiveOnAny(routers, "ABC-" + round);
            servedBy.add(asked);
            // Everyone else answers first; those answers must be dropped silently.
            for (int j = 0; j < services; j++)
            {
                if (j != asked)
                {
                    assertTrue(routers.get(j).send(bytes("A"), new byte[0], bytes("WRONG-" + round + "-" + j)));
                }
            }
            sleep(QUIET_MS / 2); // lets the wrong answers arrive (and be dropped) before the right one
            assertTrue(routers.get(asked).send(bytes("A"), new byte[0], bytes("GOOD-" + round)));
            assertEquals(List.of("GOOD-" + round), recvTexts(req));
        }
        assertEquals(services, new HashSet<>(servedBy).size(), "requests should reach every ROUTER: " + servedBy);
    }

    /**
     * Wait until one of the sockets receives the expected request (the others must not receive anything).
     *
     * @return the index of the socket that received it.
     */
    private static int receiveOnAny(final List<Socket> sockets, final String expectedBody)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() - deadline < 0)
        {
            for (int i = 0; i < sockets.size(); i++)
            {
                final Socket socket = sockets.get(i);
                final long timeout = socket.rcvTimeoutMs();
                socket.rcvTimeoutMs(0);
                final byte[][] frames;
                try
                {
                    frames = socket.recvMultipart();
                }
                finally
                {
                    socket.rcvTimeoutMs(timeout);
                }
                if (frames != null)
                {
                    assertEquals(expectedBody, text(frames[frames.length - 1]),
                        "socket " + i + " received the wrong message: " + Arrays.deepToString(frames));
                    return i;
                }
            }
            sleep(1);
        }
        fail("no socket received '" + expectedBody + "' within " + WAIT_MS + " ms");
        return -1;
    }

    // ------------------------------------------------------------------ REP

    @Test
    void shouldReplyOnTheEnvelopeOfADealer()
    {
        final Socket rep = socket(context, SocketType.REP);
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.connect(rep.bind("tcp://127.0.0.1:0"));

        // Minimal envelope: just the delimiter.
        assertTrue(dealer.send(new byte[0], bytes("x")));
        assertReceives(rep, "x");
        assertTrue(rep.send("reply"));
        assertReceives(dealer, "", "reply");

        // A bigger envelope comes back whole, in order.
        assertTrue(dealer.send(bytes("X"), bytes("Y"), new byte[0], bytes("A")));
        assertReceives(rep, "A");
        assertTrue(rep.send(bytes("B"), bytes("C")));
        assertReceives(dealer, "X", "Y", "", "B", "C");
    }

    @Test
    void shouldDropRequestsWithoutDelimiter()
    {
        final Socket rep = socket(context, SocketType.REP);
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.connect(rep.bind("tcp://127.0.0.1:0"));

        assertTrue(dealer.send("no-envelope"));
        assertTrue(dealer.send(bytes("only-envelope"), new byte[0]));
        assertTrue(dealer.send(new byte[0], bytes("good")));
        assertReceives(rep, "good");
        assertTrue(rep.send("ok"));
        assertReceives(dealer, "", "ok");
        assertNothingReceived(rep);
    }

    @Test
    void shouldRefuseReplyBeforeRequestAndSecondReceiveBeforeReply()
    {
        final Socket rep = socket(context, SocketType.REP);
        final Socket req = socket(context, SocketType.REQ);
        req.connect(rep.bind("tcp://127.0.0.1:0"));

        final SocketStateException early = assertThrows(SocketStateException.class, () -> rep.send("too early"));
        assertTrue(early.getMessage().contains("REP must receive a request before sending"), early.getMessage());

        assertTrue(req.send("question"));
        assertReceives(rep, "question");
        final SocketStateException twice = assertThrows(SocketStateException.class, rep::recvMultipart);
        assertTrue(twice.getMessage().contains("REP must send the reply before receiving"), twice.getMessage());
        assertTrue(rep.send("answer"));
        assertReceives(req, "answer");
        assertThrows(SocketStateException.class, () -> rep.send("again"));
    }

    @Test
    void shouldReplyToTheRequesterAmongSeveral()
    {
        final int services = 4;
        final Socket rep = socket(context, SocketType.REP);
        final String endpoint = rep.bind("tcp://127.0.0.1:0");
        final List<Socket> reqs = new ArrayList<>();
        for (int i = 0; i < services; i++)
        {
            final Socket req = socket(context, SocketType.REQ);
            req.connect(endpoint);
            reqs.add(req);
        }
        awaitPeers(rep, services);

        // Each REQ sends one request; the REP serves each one (fair-queued), and each reply goes to its sender.
        for (int i = 0; i < services; i++)
        {
            assertTrue(reqs.get(i).send("from-" + i));
        }
        final HashSet<String> served = new HashSet<>();
        for (int i = 0; i < services; i++)
        {
            final String request = text(recv(rep)[0]);
            assertTrue(served.add(request), "served twice: " + request);
            assertTrue(rep.send("re:" + request));
        }
        assertEquals(services, served.size());
        for (int i = 0; i < services; i++)
        {
            assertReceives(reqs.get(i), "re:from-" + i);
        }
        assertNothingReceived(rep);
    }

    @Test
    void shouldCarryExtraEnvelopeFramesThroughRouterDealerRepChain()
    {
        // client REQ -> frontend ROUTER ... (the test thread proxies) ... backend DEALER -> worker REP
        final Socket frontend = socket(context, SocketType.ROUTER);
        final Socket backend = socket(context, SocketType.DEALER);
        final Socket worker = socket(context, SocketType.REP);
        final Socket client = socket(context, SocketType.REQ);
        client.identity("client-1");
        client.connect(frontend.bind("tcp://127.0.0.1:0"));
        backend.connect(worker.bind("tcp://127.0.0.1:0"));
        awaitPeers(backend, 1);

        for (int i = 0; i < 5; i++)
        {
            assertTrue(client.send(bytes("job-" + i), bytes("part-2")));
            final byte[][] request = recv(frontend);
            assertEquals(List.of("client-1", "", "job-" + i, "part-2"), TestMessages.texts(request));

            // Forward with an extra hop frame in front of the envelope.
            final byte[][] forwarded = new byte[request.length + 1][];
            forwarded[0] = bytes("hop-" + i);
            System.arraycopy(request, 0, forwarded, 1, request.length);
            assertTrue(backend.send(forwarded));

            assertEquals(List.of("job-" + i, "part-2"), recvTexts(worker));
            assertTrue(worker.send("done-" + i));

            final byte[][] reply = recv(backend);
            assertEquals(List.of("hop-" + i, "client-1", "", "done-" + i), TestMessages.texts(reply));
            assertArrayEquals(bytes("hop-" + i), reply[0]);
            assertTrue(frontend.send(Arrays.copyOfRange(reply, 1, reply.length)));
            assertEquals(List.of("done-" + i), recvTexts(client));
        }
        assertNothingReceived(frontend);
        assertNothingReceived(backend);
    }
}
