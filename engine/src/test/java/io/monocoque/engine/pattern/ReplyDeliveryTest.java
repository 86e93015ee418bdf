package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.MessageRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REQ inbound through the REQ pattern (its router records where a request went, its delivery checks replies against
 * that): only the awaited peer's reply reaches the receive ring, once, with the empty delimiter stripped; replies
 * from other peers, replies without the delimiter and second replies are dropped; a correlated request's reply must
 * echo its id.
 */
class ReplyDeliveryTest
{
    private final PatternFixture socket = new PatternFixture(SocketType.REQ);

    @AfterEach
    void close()
    {
        socket.close();
    }

    @Test
    void shouldDeliverOnlyTheAwaitedPeersReplyWithoutItsDelimiter()
    {
        final PatternFixture.Peer asked = socket.connect(SocketType.REP);
        final PatternFixture.Peer other = socket.connect(SocketType.ROUTER);
        request("what time is it?");
        assertEquals(List.of(List.of("", "what time is it?")), asked.sent());

        other.receive("", "not asked");
        assertEquals(List.of(), socket.received(), "a reply from a peer no request went to is dropped");

        asked.receive("", "noon", "UTC");
        assertEquals(List.of(new PatternFixture.Received(asked.id(), List.of(List.of("noon", "UTC")))),
            socket.received());
    }

    @Test
    void shouldDropRepliesWithoutAnEmptyDelimiterAndKeepWaiting()
    {
        final PatternFixture.Peer asked = socket.connect(SocketType.REP);
        request("ping");

        asked.receive("no delimiter");
        asked.receive("not empty", "body");
        asked.receive("");
        assertEquals(List.of(), socket.received(), "malformed replies are dropped");
        assertTrue(asked.connection.isActive(), "and the connection is kept");

        asked.receive("", "pong");
        assertEquals(List.of(new PatternFixture.Received(asked.id(), List.of(List.of("pong")))), socket.received());
    }

    @Test
    void shouldDropASecondReplyToTheSameRequest()
    {
        final PatternFixture.Peer asked = socket.connect(SocketType.REP);
        request("once");
        asked.receive("", "first");
        assertEquals(1, socket.received().size());

        asked.receive("", "second");

        assertEquals(List.of(), socket.received());
    }

    @Test
    void shouldDropEverythingWhileNoRequestIsOutstanding()
    {
        final PatternFixture.Peer peer = socket.connect(SocketType.REP);

        peer.receive("", "unsolicited");

        assertEquals(List.of(), socket.received());
    }

    @Test
    void shouldAwaitOnlyTheLatestRequestsPeer()
    {
        final PatternFixture.Peer a = socket.connect(SocketType.REP);
        final PatternFixture.Peer b = socket.connect(SocketType.REP);
        request("to a");
        request("to b");

        a.receive("", "late answer from a");
        b.receive("", "from b");

        assertEquals(List.of(new PatternFixture.Received(b.id(), List.of(List.of("from b")))), socket.received());
    }

    @Test
    void shouldForgetARequestWhoseConnectionWasReleased()
    {
        final RequestCorrelation correlation = new RequestCorrelation();
        final PatternFixture.Peer a = socket.connect(SocketType.REP);
        final PatternFixture.Peer b = socket.connect(SocketType.REP);
        correlation.requestSentTo(a.connection);

        correlation.forget(b.connection);
        assertTrue(correlation.awaitsReplyFrom(a.connection), "another connection's release changes nothing");

        correlation.forget(a.connection);
        assertFalse(correlation.awaitsReplyFrom(a.connection));
    }

    @Test
    void shouldDeliverOnlyTheReplyThatEchoesACorrelatedRequestsIdWithTheIdAndDelimiterKept()
    {
        final PatternFixture.Peer asked = socket.connect(SocketType.REP);
        socket.send(MessageRecord.ANY_PEER, "id01", "", "question"); // a 4-byte id frame: reqCorrelate's request
        assertEquals(1, socket.drain());

        asked.receive("id00", "", "reply to an older request");
        asked.receive("", "reply without the id");
        asked.receive("id01", "not a delimiter", "body");
        assertEquals(List.of(), socket.received(), "replies without the request's id are dropped");

        asked.receive("id01", "", "answer");
        assertEquals(List.of(new PatternFixture.Received(asked.id(), List.of(List.of("id01", "", "answer")))),
            socket.received(), "the socket strips the id and delimiter after its own check");
    }

    private void request(final String body)
    {
        socket.send(MessageRecord.ANY_PEER, "", body);
        assertEquals(1, socket.drain());
    }
}
