package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message many times the send HWM: offer refuses it whole (MESSAGE_EXCEEDS_HWM, nothing of it queued), and the
 * blocking send streams it through the send ring while a receiver that does not read holds everything up, then
 * finishes as the receiver drains.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeSendSemanticsTest
{
    private static final int HWM = 1024 * 1024;
    /** 32 times both HWMs: more than the rings, the read buffer and loopback's socket buffers hold together. */
    private static final int LARGE = 32 * HWM;
    private static final int TIMEOUT_MS = 30_000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldStreamABlockingSendOfSeveralTimesTheHwmWhileASlowReceiverDrains() throws Exception
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.rcvHwmBytes(HWM).rcvTimeoutMs(TIMEOUT_MS).lingerMs(0);
        final Socket push = context.socket(SocketType.PUSH);
        push.sndHwmBytes(HWM).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(push, 1);
        final byte[] large = new byte[LARGE];
        for (int i = 0; i < LARGE; i++)
        {
            large[i] = (byte)(i * 7 + (i >>> 20));
        }
        assertEquals(SendResult.MESSAGE_EXCEEDS_HWM, push.offer(large), "offer can never queue it");

        final AtomicReference<Thread> sender = new AtomicReference<>();
        final CompletableFuture<Boolean> sent = CompletableFuture.supplyAsync(() ->
        {
            sender.set(Thread.currentThread());
            return push.send(large);
        });
        // Nobody reads yet: the send fills the ring, the connection's buffers and the receiver's ring, then waits.
        Await.await("the send to wait for room", () -> sender.get() != null && waiting(sender.get()));
        assertFalse(sent.isDone(), "it cannot finish while the receiver holds everything up");

        final byte[][] received = pull.recvMultipart();

        assertNotNull(received, "the receiver drains the message");
        assertTrue(sent.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), "the send finished as the receiver drained");
        assertEquals(1, received.length);
        assertTrue(Arrays.equals(large, received[0]), "intact");
        assertTrue(push.send("after"));
        assertEquals("after", pull.recvString());
    }

    @Test
    void shouldFinishAStreamingSendWhoseOnlyPeerLeavesPartWay() throws Exception
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.rcvHwmBytes(HWM).lingerMs(0);
        final Socket push = context.socket(SocketType.PUSH);
        push.sndHwmBytes(HWM).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        Await.awaitPeers(push, 1);
        final AtomicReference<Thread> sender = new AtomicReference<>();
        final CompletableFuture<Boolean> sent = CompletableFuture.supplyAsync(() ->
        {
            sender.set(Thread.currentThread());
            return push.send(new byte[LARGE]);
        });
        Await.await("the send to wait for room", () -> sender.get() != null && waiting(sender.get()));

        pull.close(); // the peer the message's fragments go to is gone, and no other comes

        Await.await("the send to finish: the engine drops the rest of the message", sent::isDone);
        assertTrue(sent.get(), "the message was taken (and dropped, as libzmq loses a message in flight)");
        Await.await("the drop to be counted", () -> push.droppedMessages() == 1);
    }

    private static boolean waiting(final Thread thread)
    {
        final Thread.State state = thread.getState();
        return state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING;
    }
}
