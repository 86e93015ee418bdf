package io.monocoque.api.interop.libzmq;

import io.monocoque.api.Context;
import io.monocoque.api.ReqSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.testing.TestMessages.assertReceives;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZMQ_REQ_RELAXED and ZMQ_REQ_CORRELATE against libzmq's own implementation, both ways: Monocoque's relaxed,
 * correlating REQ recovers from a libzmq REP that answers the first request only after the REQ gave up on it (the
 * late reply is dropped, the second reply arrives), and Monocoque's REP echoes a libzmq REQ's request id so that
 * libzmq's correlating REQ accepts the reply to its second request and drops the late one.
 */
@RequiresLibzmq
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReqRelaxedLibzmqTest
{
    private static final String SCRIPT = "interop/req_relaxed_peer.py";
    private static final long GIVE_UP_MS = 200;
    private static final long REPLY_TIMEOUT_MS = 10_000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldGetTheSecondReplyFromALibzmqRepThatAnswersTheFirstRequestLate()
    {
        final PythonPeerProcess rep = resources.closeAfterTest(
            PythonPeerProcess.start(SCRIPT, List.of("rep-late", "--bind", "tcp://127.0.0.1:*")));
        final String endpoint = rep.awaitReady("tcp://");
        final ReqSocket req = (ReqSocket)context.socket(SocketType.REQ);
        req.reqRelaxed(true).reqCorrelate(true).lingerMs(0);
        req.connect(endpoint);

        assertTrue(req.send("first"));
        rep.expectLine("GOT first", "libzmq REP took the first request");
        req.rcvTimeoutMs(GIVE_UP_MS);
        assertNull(req.recvString(), "the first request is not answered yet");

        assertTrue(req.send("second"));
        rep.writeLine("ANSWER"); // the late reply to 'first' goes out now, then 'second' is answered
        rep.expectLine("ANSWERED second", "libzmq REP answered the second request");
        req.rcvTimeoutMs(REPLY_TIMEOUT_MS);
        assertReceives(req, "reply-to-second");
    }

    @Test
    void shouldEchoTheRequestIdOfALibzmqCorrelatingReq()
    {
        final Socket rep = context.socket(SocketType.REP);
        rep.rcvTimeoutMs(REPLY_TIMEOUT_MS).lingerMs(0);
        final String endpoint = rep.bind("tcp://127.0.0.1:0");
        final PythonPeerProcess req = resources.closeAfterTest(
            PythonPeerProcess.start(SCRIPT, List.of("req-relaxed", "--connect", endpoint)));
        req.awaitReady("tcp://");

        assertReceives(rep, "first");
        req.expectLine("TIMEOUT", "libzmq REQ gave up on the first request");
        assertTrue(rep.send("reply-to-first")); // too late: libzmq must drop it by its request id
        req.writeLine("GO");
        assertReceives(rep, "second");
        assertTrue(rep.send("reply-to-second"));
        req.expectLine("REPLY reply-to-second", "libzmq REQ took the reply to its second request");
        req.writeLine("END");
    }
}
