package io.monocoque.api.poller;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Poller;
import io.monocoque.api.ReqSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketInterruptedException;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.ThreadingMode;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.Loopback;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The poller's zmq_poll semantics over DEDICATED and INVOKER contexts: which registration is ready, level
 * triggering, timeouts (-1, 0, n), wake-up when a message arrives while it waits, each socket type's readiness
 * (REQ/REP state, PUB without subscribers, SUB and PULL never writable, a full send ring), fairness, closed sockets
 * and interrupts. Waiting tests fail by timing out, never by being slow.
 */
class PollerTest
{
    private static final long WAIT_MS = Await.WAIT_MS;
    private static final int SOCKETS = 3;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void pollReportsOnlyTheSocketThatHasAMessage()
    {
        final Socket[] pulls = new Socket[SOCKETS];
        final Socket[] pushes = new Socket[SOCKETS];
        final Poller poller = new Poller();
        for (int i = 0; i < SOCKETS; i++)
        {
            pulls[i] = context.socket(SocketType.PULL);
            pushes[i] = context.socket(SocketType.PUSH);
            pushes[i].connect(pulls[i].bind("tcp://127.0.0.1:0"));
            assertEquals(i, poller.register(pulls[i], Poller.POLLIN));
        }
        pushes[1].send("one");

        assertEquals(1, poller.poll(WAIT_MS));
        assertFalse(poller.isReadable(0));
        assertTrue(poller.isReadable(1));
        assertEquals(Poller.POLLIN, poller.readyEvents(1));
        assertFalse(poller.isReadable(2));
        assertEquals("one", pulls[1].recvString());
    }

    @Test
    void readinessIsLevelTriggeredUntilTheMessageIsReceived()
    {
        final Socket pull = context.socket(SocketType.PULL).rcvTimeoutMs(0);
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        final int index = poller.register(pull, Poller.POLLIN);
        push.send("a");
        push.send("b");

        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals(1, poller.poll(0), "still ready: nothing was received");
        assertEquals("a", pull.recvString());
        assertEquals(1, poller.poll(WAIT_MS), "the second message keeps it ready");
        assertEquals("b", pull.recvString());
        assertEquals(0, poller.poll(0));
        assertFalse(poller.isReadable(index));
    }

    @Test
    void aZeroTimeoutReturnsAtOnceAndAPositiveOneWaitsItOut()
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:0");
        final Poller poller = new Poller();
        poller.register(pull, Poller.POLLIN);

        assertEquals(0, poller.poll(0));
        final long start = System.nanoTime();
        assertEquals(0, poller.poll(50));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "returned before its timeout");
        assertThrows(IllegalArgumentException.class, () -> poller.poll(-2));
    }

    @Test
    void aPollWaitingForeverWakesWhenAMessageArrives()
    {
        final Socket pull = context.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        poller.register(pull, Poller.POLLIN);
        final CompletableFuture<Void> sender = CompletableFuture.runAsync(() ->
        {
            Await.sleep(200); // the poller is parked by now
            push.send("late");
        });

        assertEquals(1, poller.poll(-1));
        assertEquals("late", pull.recvString());
        sender.join();
    }

    @Test
    void socketsOfSeveralContextsArePolledTogether()
    {
        final Context other = resources.context();
        final Socket pullHere = context.socket(SocketType.PULL);
        final Socket pullThere = other.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH);
        pullHere.bind("tcp://127.0.0.1:0");
        push.connect(pullThere.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        poller.register(pullHere, Poller.POLLIN);
        final int there = poller.register(pullThere, Poller.POLLIN);
        CompletableFuture.runAsync(() ->
        {
            Await.sleep(100);
            push.send("x");
        });

        assertEquals(1, poller.poll(WAIT_MS));
        assertTrue(poller.isReadable(there));
    }

    @Test
    void reqIsWritableThenReadableOnlyAsItsStateAllows()
    {
        final Socket rep = context.socket(SocketType.REP);
        final ReqSocket req = (ReqSocket)context.socket(SocketType.REQ);
        req.connect(rep.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        final int reqIndex = poller.register(req, Poller.POLLIN | Poller.POLLOUT);
        final int repIndex = poller.register(rep, Poller.POLLIN | Poller.POLLOUT);

        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals(Poller.POLLOUT, poller.readyEvents(reqIndex), "a fresh REQ may send, not receive");
        assertEquals(0, poller.readyEvents(repIndex), "a REP with no request can do neither");

        req.send("ping");
        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals(0, poller.readyEvents(reqIndex), "a REQ awaiting its reply may not send");
        assertEquals(Poller.POLLIN, poller.readyEvents(repIndex));

        assertEquals("ping", rep.recvString());
        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals(Poller.POLLOUT, poller.readyEvents(repIndex), "a REP holding a request may only reply");

        rep.send("pong");
        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals(Poller.POLLIN, poller.readyEvents(reqIndex));
        assertEquals("pong", req.recvString());
        assertEquals(Poller.POLLOUT, req.events());
    }

    @Test
    void aRelaxedReqAwaitingItsReplyIsWritable()
    {
        final Socket rep = context.socket(SocketType.REP);
        final ReqSocket req = ((ReqSocket)context.socket(SocketType.REQ)).reqRelaxed(true);
        req.connect(rep.bind("tcp://127.0.0.1:0"));
        req.send("first");
        assertEquals(Poller.POLLOUT, req.events() & Poller.POLLOUT);
        Await.await("the request at the REP", () -> rep.events() == Poller.POLLIN); // delivered, so close at once
    }

    @Test
    void aRequestTheRepWouldDropDoesNotMakeItReadable()
    {
        final Socket rep = context.socket(SocketType.REP);
        final Socket dealer = context.socket(SocketType.DEALER);
        dealer.connect(rep.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        poller.register(rep, Poller.POLLIN);
        dealer.send("no envelope"); // REP drops a request without the empty delimiter, as libzmq does
        dealer.send(new byte[0], "real".getBytes());

        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals("real", rep.recvString(), "the dropped request was never handed out");
    }

    @Test
    void aLargeRequestTheRepWouldDropDoesNotMakeItReadable()
    {
        final Socket rep = context.socket(SocketType.REP).rcvTimeoutMs(0);
        final Socket dealer = context.socket(SocketType.DEALER);
        dealer.connect(rep.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        poller.register(rep, Poller.POLLIN);
        dealer.send(new byte[1 << 20]); // lent to the reader by reference; no envelope, so REP drops it

        assertEquals(0, poller.poll(500), "a dropped message is no reason to wake");
        dealer.send(new byte[0], "real".getBytes());
        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals("real", rep.recvString());
    }

    @Test
    void aPollerDropsTheRepliesAReqWouldDrop()
    {
        final Socket router = context.socket(SocketType.ROUTER);
        final ReqSocket req = ((ReqSocket)context.socket(SocketType.REQ)).reqRelaxed(true).reqCorrelate(true);
        req.rcvTimeoutMs(0);
        req.connect(router.bind("tcp://127.0.0.1:0"));
        req.send("old");
        final byte[][] oldRequest = router.recvMultipart();
        req.send("new");
        final byte[][] newRequest = router.recvMultipart();
        router.send(oldRequest[0], oldRequest[1], new byte[0], "stale".getBytes()); // echoes the old request id
        router.send(newRequest[0], newRequest[1], new byte[0], "fresh".getBytes());

        final Poller poller = new Poller();
        poller.register(req, Poller.POLLIN);
        assertEquals(1, poller.poll(WAIT_MS));
        assertEquals("fresh", req.recvString());
    }

    @Test
    void socketTypesThatCannotSendOrReceiveAreNeverReadyForIt()
    {
        final Socket pub = context.socket(SocketType.PUB);
        final Socket sub = context.socket(SocketType.SUB);
        final Socket push = context.socket(SocketType.PUSH);
        final Socket pull = context.socket(SocketType.PULL);
        sub.connect(pub.bind("tcp://127.0.0.1:0"));
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        ((SubSocket)sub).subscribe("");
        push.send("m");
        Await.await("the message at the PULL", () -> (pull.events() & Poller.POLLIN) != 0);

        assertEquals(Poller.POLLOUT, pub.events(), "a PUB is always writable and never readable");
        assertEquals(0, sub.events() & Poller.POLLOUT, "a SUB is never writable");
        assertEquals(Poller.POLLOUT, push.events(), "a PUSH is never readable");
        assertEquals(Poller.POLLIN, pull.events(), "a PULL is never writable");
    }

    @Test
    void aSubscriptionMakesAnXpubReadable()
    {
        final Socket xpub = context.socket(SocketType.XPUB);
        final SubSocket sub = (SubSocket)context.socket(SocketType.SUB);
        sub.connect(xpub.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        final int index = poller.register(xpub, Poller.POLLIN);
        sub.subscribe("prices");

        assertEquals(1, poller.poll(WAIT_MS));
        assertTrue(poller.isReadable(index));
        final byte[][] subscription = xpub.recvMultipart();
        assertEquals(1, subscription[0][0]);
    }

    @Test
    void aFullSendRingIsNotWritableUntilItDrains()
    {
        final int port = Loopback.reservePort();
        final Socket dealer = context.socket(SocketType.DEALER).sndHwmBytes(Socket.DEFAULT_HWM_BYTES / 1024);
        dealer.connect(Loopback.endpoint(port)); // nobody there yet: messages wait in the ring
        final Poller poller = new Poller();
        final int index = poller.register(dealer, Poller.POLLOUT);
        assertEquals(1, poller.poll(0));
        final byte[] payload = new byte[256];
        while ((dealer.events() & Poller.POLLOUT) != 0)
        {
            assertTrue(dealer.offer(payload) > 0, "POLLOUT promised room for a message");
        }
        assertEquals(0, poller.poll(0), "no room for a message");
        assertFalse(poller.isWritable(index));

        final Socket router = context.socket(SocketType.ROUTER);
        router.bind(Loopback.endpoint(port));
        final AtomicBoolean draining = new AtomicBoolean(true);
        final CompletableFuture<Void> reader = CompletableFuture.runAsync(() ->
        {
            final Message message = new Message();
            router.rcvTimeoutMs(100);
            while (draining.get())
            {
                router.recv(message);
            }
        });
        assertEquals(1, poller.poll(WAIT_MS), "the ring drained to the peer");
        assertTrue(poller.isWritable(index));
        assertTrue(dealer.offer(payload) > 0, "POLLOUT promised room for a message");
        draining.set(false);
        reader.join();
    }

    @Test
    void anAlwaysReadySocketDoesNotStarveTheOthers()
    {
        final Socket busy = context.socket(SocketType.PULL);
        final Socket quiet = context.socket(SocketType.PULL);
        final Socket flood = context.socket(SocketType.PUSH);
        final Socket once = context.socket(SocketType.PUSH);
        flood.connect(busy.bind("tcp://127.0.0.1:0"));
        once.connect(quiet.bind("tcp://127.0.0.1:0"));
        for (int i = 0; i < 1_000; i++)
        {
            flood.send("flood");
        }
        final Poller poller = new Poller();
        final int busyIndex = poller.register(busy, Poller.POLLIN);
        final int quietIndex = poller.register(quiet, Poller.POLLIN);
        assertEquals(1, poller.poll(WAIT_MS));
        once.send("hello");

        final Message message = new Message();
        int busyReceived = 0;
        while (true)
        {
            assertTrue(poller.poll(WAIT_MS) > 0);
            if (poller.isReadable(quietIndex))
            {
                assertTrue(quiet.recv(message));
                break;
            }
            assertTrue(poller.isReadable(busyIndex));
            assertTrue(busy.recv(message));
            busyReceived++;
            if (busyReceived % 100 == 0)
            {
                flood.send("more"); // it stays ready all along
            }
        }
        assertEquals("hello", message.frameString(0));
        assertTrue(busyReceived < 1_000, "the quiet socket waited for the whole flood: " + busyReceived);
    }

    @Test
    void reRegisteringASocketChangesItsEventsAndUnregisteringShiftsTheRest()
    {
        final Socket a = context.socket(SocketType.DEALER);
        final Socket b = context.socket(SocketType.DEALER);
        final Poller poller = new Poller(1);
        assertEquals(0, poller.register(a, Poller.POLLIN));
        assertEquals(1, poller.register(b, Poller.POLLIN));
        assertEquals(0, poller.register(a, Poller.POLLIN | Poller.POLLOUT), "a socket is registered once");
        assertEquals(2, poller.size());
        assertTrue(poller.unregister(a));
        assertFalse(poller.unregister(a));
        assertEquals(0, poller.indexOf(b));
        assertEquals(b, poller.socket(0));
        assertThrows(IllegalArgumentException.class, () -> poller.register(b, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> poller.readyEvents(1));
    }

    @Test
    void aSocketClosedWhilePolledEndsThePollWithAClosedError()
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:0");
        final Poller poller = new Poller();
        poller.register(pull, Poller.POLLIN);
        CompletableFuture.runAsync(() ->
        {
            Await.sleep(200);
            pull.close();
        });

        assertThrows(SocketClosedException.class, () -> poller.poll(-1));
        assertThrows(SocketClosedException.class, pull::events);
        assertThrows(SocketClosedException.class, () -> new Poller().register(pull, Poller.POLLIN));
    }

    @Test
    void anInterruptEndsAWaitingPollAndKeepsTheFlag()
    {
        final Socket pull = context.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:0");
        final Poller poller = new Poller();
        poller.register(pull, Poller.POLLIN);
        final Thread polling = Thread.currentThread();
        CompletableFuture.runAsync(() ->
        {
            Await.sleep(200);
            polling.interrupt();
        });

        assertThrows(SocketInterruptedException.class, () -> poller.poll(-1));
        assertTrue(Thread.interrupted());
    }

    @Test
    void anUnstartedSocketIsNeverReady()
    {
        final Socket dealer = context.socket(SocketType.DEALER);
        final Poller poller = new Poller();
        poller.register(dealer, Poller.POLLIN | Poller.POLLOUT);
        assertEquals(0, poller.poll(10));
        assertEquals(SendResult.NOT_CONNECTED, dealer.offer("x".getBytes()));
    }

    @Test
    void inInvokerModeThePollerDrivesTheEngine()
    {
        final Context invoker = resources.context(Context.builder().threadingMode(ThreadingMode.INVOKER));
        final Socket pull = invoker.socket(SocketType.PULL);
        final Socket push = invoker.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        final int index = poller.register(pull, Poller.POLLIN);
        push.offer("driven".getBytes());

        assertEquals(1, poller.poll(WAIT_MS), "nothing but the poller runs the duty cycle");
        assertTrue(poller.isReadable(index));
        assertEquals("driven", pull.recvString());
    }

    @Test
    void inInvokerModeAPollWaitingForeverWakesOnBytesFromAnotherProcessOrContext()
    {
        final Context invoker = resources.context(Context.builder().threadingMode(ThreadingMode.INVOKER));
        final Socket pull = invoker.socket(SocketType.PULL);
        final String endpoint = pull.bind("tcp://127.0.0.1:0");
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(endpoint);
        final Poller poller = new Poller();
        poller.register(pull, Poller.POLLIN);
        CompletableFuture.runAsync(() ->
        {
            Await.sleep(300); // the poller sleeps in the invoker's selector by now
            push.send("from afar");
        });

        assertEquals(1, poller.poll(-1));
        final byte[][] frames = pull.recvMultipart();
        assertNotNull(frames);
        assertEquals("from afar", new String(frames[0]));
    }

    @Test
    void anInvokerContextAndADedicatedOnePolledTogetherBothWake()
    {
        final Context invoker = resources.context(Context.builder().threadingMode(ThreadingMode.INVOKER));
        final Socket invokerPull = invoker.socket(SocketType.PULL);
        invokerPull.bind("tcp://127.0.0.1:0");
        final Socket dedicatedPull = context.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(dedicatedPull.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        poller.register(invokerPull, Poller.POLLIN);
        final int dedicated = poller.register(dedicatedPull, Poller.POLLIN);
        CompletableFuture.runAsync(() ->
        {
            Await.sleep(200);
            push.send("dedicated");
        });

        assertEquals(1, poller.poll(WAIT_MS));
        assertTrue(poller.isReadable(dedicated));
    }
}
