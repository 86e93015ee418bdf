package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.MessageClaim;
import io.monocoque.api.PubSocket;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketStateException;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestMessages;
import io.monocoque.api.testing.TestResources;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.monocoque.api.pubsub.PubSubSupport.pub;
import static io.monocoque.api.pubsub.PubSubSupport.subscriber;
import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tryClaim} on the patterns that put something around the caller's frames or choose the peer by them: ROUTER
 * (the routing id names the peer and is not claimed; an unknown id is dropped at the commit, or refused with
 * routerMandatory), REQ (the delimiter goes in front; the request counts as sent only once committed), REP (the reply
 * goes on the request's envelope, to its peer) and PUB (a fan-out slot, the topic its first frame, filtered as an offer
 * is). Each claim's abort sends nothing and leaves the pattern's state as it was.
 */
class PatternClaimTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final MessageClaim claim = new MessageClaim();

    private static byte[] text(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** Claim a message of the given frames on {@code socket}, write them and commit. */
    private void claimAndCommit(final Socket socket, final String... frames)
    {
        final int[] lengths = new int[frames.length];
        for (int i = 0; i < frames.length; i++)
        {
            lengths[i] = frames[i].length();
        }
        assertTrue(socket.tryClaim(claim, lengths, frames.length) > 0, "claimed");
        write(frames);
        claim.commit();
    }

    private void write(final String... frames)
    {
        for (int i = 0; i < frames.length; i++)
        {
            claim.buffer().putBytes(claim.frameOffset(i), text(frames[i]));
        }
    }

    @Test
    void aRouterClaimGoesToThePeerItsRoutingIdNamesAndAnUnknownIdIsDroppedOrRefused()
    {
        final RouterSocket router = (RouterSocket)context.socket(SocketType.ROUTER);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        final Socket alpha = context.socket(SocketType.DEALER).identity("alpha").rcvTimeoutMs(Await.WAIT_MS);
        final Socket beta = context.socket(SocketType.DEALER).identity("beta").rcvTimeoutMs(Await.WAIT_MS);
        alpha.connect(endpoint);
        beta.connect(endpoint);
        Await.awaitPeers(alpha, 1);
        Await.awaitPeers(beta, 1);
        Await.await("the router to know both peers", () -> router.connectedPeers() == 2);

        final UnsafeBuffer id = new UnsafeBuffer(text("xbetax"));
        final int[] lengths = {4, 5};
        assertTrue(router.tryClaim(claim, id, 1, 4, lengths, 2) > 0, "claimed for beta");
        write("to-b", "twice");
        claim.commit();

        assertTrue(router.tryClaim(claim, new UnsafeBuffer(text("nobody")), 0, 6, 7) > 0,
            "an unknown id is claimed all the same without routerMandatory");
        claim.buffer().putBytes(claim.offset(), text("dropped"));
        claim.commit();

        assertTrue(router.tryClaim(claim, new UnsafeBuffer(text("alpha")), 0, 5, 7) > 0);
        claim.buffer().putBytes(claim.offset(), text("aborted"));
        claim.abort();
        assertTrue(router.tryClaim(claim, new UnsafeBuffer(text("alpha")), 0, 5, 4) > 0);
        claim.buffer().putBytes(claim.offset(), text("to-a"));
        claim.commit();

        assertEquals(List.of("to-b", "twice"), recvTexts(beta));
        assertEquals(List.of("to-a"), recvTexts(alpha), "neither the aborted nor the unknown peer's message");
        TestMessages.assertNothingReceived(beta, 200);

        router.routerMandatory(true);
        assertEquals(SendResult.HOST_UNREACHABLE, router.tryClaim(claim, new UnsafeBuffer(text("nobody")), 0, 6, 3));
        assertTrue(!claim.isClaimed(), "a refused claim holds nothing");
        assertThrows(UnsupportedOperationException.class, () -> router.tryClaim(claim, 3), "no routing id");
    }

    @Test
    void aReqClaimIsARequestOnlyOnceCommittedAndARepClaimIsTheReplyOnItsEnvelope()
    {
        final Socket rep = context.socket(SocketType.REP).rcvTimeoutMs(Await.WAIT_MS);
        final Socket req = context.socket(SocketType.REQ).rcvTimeoutMs(Await.WAIT_MS);
        req.connect(rep.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(req, 1);
        assertThrows(SocketStateException.class, () -> rep.tryClaim(claim, 3), "REP before a request");

        assertTrue(req.tryClaim(claim, 9) > 0);
        claim.abort();
        // The aborted request was never sent: another may be claimed at once, as if none had been.
        claimAndCommit(req, "question", "two");
        assertThrows(SocketStateException.class, () -> req.tryClaim(claim, 3), "REQ awaiting its reply");

        assertEquals(List.of("question", "two"), recvTexts(rep), "the delimiter is not the application's");
        claimAndCommit(rep, "answer");
        assertEquals(List.of("answer"), recvTexts(req));

        claimAndCommit(req, "again");
        assertEquals(List.of("again"), recvTexts(rep));
        assertTrue(rep.tryClaim(claim, 5) > 0);
        claim.abort();
        claimAndCommit(rep, "reply");
        assertEquals(List.of("reply"), recvTexts(req), "the aborted reply left the request to answer");
    }

    @Test
    void aPubClaimReachesTheSubscribersItsFirstFrameMatchesAndAnAbortPublishesNothing()
    {
        final PubSocket pub = pub(context);
        final SubSocket sub = subscriber(context, pub.bind("tcp://127.0.0.1:0"), "news");
        syncSubscription(pub, sub, "news-probe");

        claimAndCommit(pub, "weather", "rain");
        assertTrue(pub.tryClaim(claim, 10) > 0);
        claim.abort();
        claimAndCommit(pub, "news", "claimed", "in place");
        assertEquals(List.of("news", "claimed", "in place"), recvTexts(sub));
        TestMessages.assertNothingReceived(sub, 200);
    }
}
