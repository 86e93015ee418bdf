package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageClaim;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketStateException;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.testing.TestMessages.recv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tryClaim}: the caller writes a message's bodies straight into the send ring. Single-frame and multipart
 * claims arrive as written (short and long headers), an aborted claim sends nothing, a claim larger than one record
 * or into a full ring is refused with the ring's code, one claim at a time, the socket stays owned by the claiming
 * thread until the commit, a close from another thread meanwhile does not free the memory under it, and the sockets
 * that cannot claim (or, ROUTER, must name the peer) refuse it. The patterns' claims: {@link PatternClaimTest}.
 */
class MessageClaimTest
{
    private static final long HWM_BYTES = 64 * 1024;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private static byte[] text(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** A sender of the type (a 64 KiB send ring) connected to its counterpart: {sender, receiver}. */
    private Socket[] connectedPair(final String type)
    {
        final SocketType senderType = SocketType.valueOf(type);
        final SocketType receiverType = senderType == SocketType.PUSH ? SocketType.PULL : senderType;
        final Socket receiver = context.socket(receiverType).rcvTimeoutMs(Await.WAIT_MS);
        final Socket sender = context.socket(senderType).sndHwmBytes(HWM_BYTES);
        sender.connect(receiver.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(sender, 1);
        return new Socket[]{sender, receiver};
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEALER", "PUSH", "PAIR"})
    void claimedFramesArriveAsWrittenAndAnAbortedClaimSendsNothing(final String type)
    {
        final Socket[] pair = connectedPair(type);
        final Socket sender = pair[0];
        final Socket receiver = pair[1];
        final MessageClaim claim = new MessageClaim();

        assertTrue(sender.tryClaim(claim, 5) > 0);
        assertTrue(claim.isClaimed());
        claim.buffer().putBytes(claim.offset(), text("hello"));
        claim.commit();
        assertFalse(claim.isClaimed());

        assertTrue(sender.tryClaim(claim, 7) > 0);
        claim.buffer().putBytes(claim.offset(), text("aborted"));
        claim.abort();

        final int[] lengths = {3, 0, 1000};
        assertTrue(sender.tryClaim(claim, lengths, 3) > 0);
        assertEquals(3, claim.frameCount());
        claim.buffer().putBytes(claim.frameOffset(0), text("abc"));
        for (int i = 0; i < 1000; i++)
        {
            claim.buffer().putByte(claim.frameOffset(2) + i, (byte)i);
        }
        claim.commit();

        assertArrayEquals(text("hello"), recv(receiver)[0]);
        final Message received = new Message();
        assertTrue(receiver.recv(received));
        assertEquals(3, received.frameCount(), "the aborted claim was skipped; the multipart one came whole");
        assertArrayEquals(text("abc"), received.frame(0));
        assertEquals(0, received.frame(1).length);
        final byte[] expected = new byte[1000];
        for (int i = 0; i < 1000; i++)
        {
            expected[i] = (byte)i;
        }
        assertArrayEquals(expected, received.frame(2));
    }

    @Test
    void aClaimLargerThanOneRecordOrIntoAFullRingIsRefusedWithTheRingsCode()
    {
        final Socket pull = context.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH).sndHwmBytes(HWM_BYTES).lingerMs(0);
        push.connect(pull.bind("tcp://127.0.0.1:0")); // no peer yet: what is claimed stays in the ring
        final MessageClaim claim = new MessageClaim();
        assertEquals(SendResult.MESSAGE_EXCEEDS_HWM, push.tryClaim(claim, 8 * 1024), "over an eighth of the ring");
        assertFalse(claim.isClaimed());
        long result;
        int claimed = 0;
        while ((result = push.tryClaim(claim, 4000)) > 0)
        {
            claim.commit();
            claimed++;
        }
        assertEquals(SendResult.BACK_PRESSURED, result);
        assertTrue(claimed >= 10, "a 64 KiB ring holds at least 10 claims of 4,000 bytes: " + claimed);
        assertFalse(claim.isClaimed());
    }

    @Test
    void oneClaimAtATimeAndTheSocketStaysOwnedUntilItsCommit() throws Exception
    {
        final Socket pull = context.socket(SocketType.PULL).rcvTimeoutMs(Await.WAIT_MS);
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final MessageClaim claim = new MessageClaim();
        assertTrue(push.tryClaim(claim, 3) > 0);
        assertThrows(IllegalStateException.class, () -> push.tryClaim(new MessageClaim(), 3));

        final CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> push.offer(text("x")));
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> other.get(Await.WAIT_MS, TimeUnit.MILLISECONDS));
        assertInstanceOf(SocketStateException.class, refused.getCause(), "another thread while the claim is held");

        claim.buffer().putBytes(claim.offset(), text("one"));
        claim.commit();
        assertThrows(IllegalStateException.class, claim::commit, "committed once");
        assertArrayEquals(text("one"), recv(pull)[0]);
    }

    @Test
    void aCloseFromAnotherThreadWhileAClaimIsHeldLeavesItsMemoryAliveUntilTheCommit() throws Exception
    {
        final Socket pull = context.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH).lingerMs(0);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final MessageClaim claim = new MessageClaim();
        assertTrue(push.tryClaim(claim, 64 * 4) > 0);

        CompletableFuture.runAsync(push::close).get(Await.WAIT_MS, TimeUnit.MILLISECONDS);
        Thread.sleep(50); // give the agent its chance to free the rings, which it must not take yet
        for (int i = 0; i < 64; i++)
        {
            claim.buffer().putInt(claim.offset() + 4 * i, i); // a freed ring would crash the JVM here
        }
        claim.commit();
        assertEquals(SendResult.CLOSED, push.tryClaim(claim, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEALER", "PUSH", "PAIR"})
    void aClaimedBatchArrivesAsThatManyMessagesInOrderAndAnAbortedOneAsNone(final String type)
    {
        final Socket[] pair = connectedPair(type);
        final Socket sender = pair[0];
        final Socket receiver = pair[1];
        final MessageClaim claim = new MessageClaim(300);
        final int[] lengths = new int[300];
        for (int i = 0; i < lengths.length; i++)
        {
            lengths[i] = i == 7 ? 300 : i % 5; // empty bodies, and one with a long header
        }
        assertTrue(sender.tryClaimBatch(claim, lengths, 3) > 0);
        claim.abort();
        assertTrue(sender.tryClaimBatch(claim, lengths, lengths.length) > 0);
        for (int i = 0; i < lengths.length; i++)
        {
            claim.buffer().setMemory(claim.frameOffset(i), claim.frameLength(i), (byte)i);
        }
        claim.commit();
        final Message received = new Message();
        for (int i = 0; i < lengths.length; i++)
        {
            assertTrue(receiver.recv(received), "message " + i);
            assertEquals(1, received.frameCount(), "message " + i + " is one frame");
            final byte[] expected = new byte[lengths[i]];
            java.util.Arrays.fill(expected, (byte)i);
            assertArrayEquals(expected, received.frame(0), "message " + i);
        }
        io.monocoque.api.testing.TestMessages.assertNothingReceived(receiver, 200); // and none twice
        assertEquals(SendResult.MESSAGE_EXCEEDS_HWM, sender.tryClaimBatch(claim, new int[]{8 * 1024}, 1),
            "a batch is one record: an eighth of the ring at most");
        assertThrows(UnsupportedOperationException.class,
            () -> context.socket(SocketType.REQ).tryClaimBatch(new MessageClaim(), lengths, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROUTER", "SUB", "XSUB", "PULL"})
    void aRouterClaimWithoutARoutingIdAndTheSocketsThatCannotClaimAreRefused(final String type)
    {
        final Socket socket = context.socket(SocketType.valueOf(type));
        socket.bind("tcp://127.0.0.1:0");
        assertThrows(UnsupportedOperationException.class, () -> socket.tryClaim(new MessageClaim(), 3));
    }

    @Test
    void aJeromqPullReadsClaimedMessages()
    {
        final ZContext jeromq = resources.closeAfterTest(new ZContext());
        final ZMQ.Socket pull = jeromq.createSocket(org.zeromq.SocketType.PULL);
        pull.setReceiveTimeOut((int)Await.WAIT_MS);
        final int port = pull.bindToRandomPort("tcp://127.0.0.1");
        final Socket push = context.socket(SocketType.PUSH);
        push.connect("tcp://127.0.0.1:" + port);
        Await.awaitPeers(push, 1);
        final MessageClaim claim = new MessageClaim();
        for (int i = 0; i < 100; i++)
        {
            final byte[] body = text("claimed-" + i);
            while (push.tryClaim(claim, body.length) <= 0)
            {
                Thread.yield();
            }
            claim.buffer().putBytes(claim.offset(), body);
            claim.commit();
        }
        for (int i = 0; i < 100; i++)
        {
            assertArrayEquals(text("claimed-" + i), pull.recv());
        }
    }
}
