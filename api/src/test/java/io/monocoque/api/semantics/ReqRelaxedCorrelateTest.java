package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.ReqSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recv;
import static io.monocoque.api.testing.TestMessages.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq's ZMQ_REQ_RELAXED and ZMQ_REQ_CORRELATE on Monocoque's REQ, with Monocoque ROUTERs as servers so the test
 * sees the request frames and chooses which replies go back: a relaxed REQ may send again after a receive timed
 * out, the new request goes to the next peer, a correlated request carries a 4-byte id frame before the delimiter,
 * and a late reply to an abandoned request is dropped.
 */
class ReqRelaxedCorrelateTest
{
    private static final long SHORT_TIMEOUT_MS = 50;
    private static final int ID_LENGTH = 4;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private ReqSocket req()
    {
        return (ReqSocket)socket(context, SocketType.REQ);
    }

    private static int id(final byte[] frame)
    {
        assertEquals(ID_LENGTH, frame.length, "request id frame");
        return ByteBuffer.wrap(frame).order(ByteOrder.nativeOrder()).getInt();
    }

    @Test
    void shouldSendANewRequestAfterATimedOutReceiveWhenRelaxed()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final ReqSocket req = req().reqRelaxed(true);
        req.connect(router.bind("tcp://127.0.0.1:0"));

        assertTrue(req.send("first"));
        assertEquals("first", text(recv(router)[2]));
        req.rcvTimeoutMs(SHORT_TIMEOUT_MS);
        assertNull(req.recvString(), "the server does not answer");

        assertTrue(req.send("second"));
        final byte[][] second = recv(router);
        assertEquals("second", text(second[2]));
        assertTrue(router.send(second[0], new byte[0], bytes("reply-to-second")));
        req.rcvTimeoutMs(SemanticsSupport.RECV_TIMEOUT_MS);
        assertReceives(req, "reply-to-second");
    }

    @Test
    void shouldSendTheNewRequestToTheNextPeerWhenRelaxed()
    {
        final Socket first = socket(context, SocketType.ROUTER);
        final Socket second = socket(context, SocketType.ROUTER);
        final ReqSocket req = req().reqRelaxed(true);
        req.connect(first.bind("tcp://127.0.0.1:0"));
        req.connect(second.bind("tcp://127.0.0.1:0"));
        awaitPeers(req, 2);

        assertTrue(req.send("one"));
        assertTrue(req.send("two"));
        final String atFirst = text(recv(first)[2]);
        final String atSecond = text(recv(second)[2]);
        assertEquals(List.of("one", "two"), List.of(atFirst, atSecond).stream().sorted().toList(),
            "one request at each peer");
    }

    @Test
    void shouldPrependARequestIdAndDropALateReplyToAnAbandonedRequestWhenCorrelated()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final ReqSocket req = req().reqRelaxed(true).reqCorrelate(true);
        req.connect(router.bind("tcp://127.0.0.1:0"));

        assertTrue(req.send("first"));
        final byte[][] first = recv(router);
        assertEquals(4, first.length, "routing id, request id, delimiter, body");
        assertEquals(0, first[2].length, "delimiter after the request id");
        assertTrue(req.send("second"));
        final byte[][] second = recv(router);
        assertEquals(id(first[1]) + 1, id(second[1]), "request ids count up");

        assertTrue(router.send(first[0], first[1], new byte[0], bytes("reply-to-first")));
        assertTrue(router.send(second[0], second[1], new byte[0], bytes("reply-to-second")));
        assertReceives(req, "reply-to-second");
    }

    @Test
    void shouldDropAReplyWithoutTheRequestIdWhenCorrelated()
    {
        final Socket router = socket(context, SocketType.ROUTER);
        final ReqSocket req = req().reqCorrelate(true);
        req.connect(router.bind("tcp://127.0.0.1:0"));

        assertTrue(req.send("question"));
        final byte[][] request = recv(router);
        assertTrue(router.send(request[0], new byte[0], bytes("uncorrelated")));
        assertTrue(router.send(request[0], request[1], new byte[0], bytes("answer")));
        assertReceives(req, "answer");
    }

    @Test
    void shouldSetBothOptionsByName()
    {
        final ReqSocket req = req();
        assertFalse(req.reqRelaxed());
        req.option("reqRelaxed", "true").option("reqCorrelate", "true");
        assertTrue(req.reqRelaxed());
        assertTrue(req.reqCorrelate());
    }
}
