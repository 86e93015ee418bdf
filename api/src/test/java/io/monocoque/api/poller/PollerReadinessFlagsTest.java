package io.monocoque.api.poller;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Poller;
import io.monocoque.api.ReqSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The poller skips sockets whose readiness flag is lowered, so every way a socket can become ready must raise it:
 * a delivery by the agent (in a duty cycle or straight out of a blocking select), room made in a full send ring,
 * a call of the application's own (REP after a receive may reply), a bind after registration, a socket moved to
 * another poller, a slot reused after unregistering. A missed flag shows as a poll that times out or a message never
 * handed out, never as a slow test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerReadinessFlagsTest
{
    private static final long WAIT_MS = Await.WAIT_MS;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void aSocketRegisteredBeforeItsFirstBindIsWatchedOnceItStarts()
    {
        final Socket pull = context.socket(SocketType.PULL);
        final Poller poller = new Poller();
        final int index = poller.register(pull, Poller.POLLIN);
        assertEquals(0, poller.poll(0));
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        assertEquals(0, poller.poll(0));
        CompletableFuture.runAsync(() ->
        {
            Await.sleep(200);
            push.send("after bind");
        });

        assertEquals(1, poller.poll(WAIT_MS));
        assertTrue(poller.isReadable(index));
    }

    @Test
    void theApplicationsOwnCallsChangeWhatIsReported()
    {
        final Socket rep = context.socket(SocketType.REP);
        final Socket req = context.socket(SocketType.REQ);
        req.connect(rep.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        final int index = poller.register(rep, Poller.POLLOUT);
        assertEquals(0, poller.poll(0));
        req.send("q");
        assertEquals("q", rep.recvString()); // nothing but this call makes the REP writable
        assertEquals(1, poller.poll(0));
        assertTrue(poller.isWritable(index));
        rep.send("a");
        assertEquals(0, poller.poll(0));
    }

    @Test
    void relaxingAReqAwaitingItsReplyMakesItWritableForAPollerWatchingIt()
    {
        final Socket rep = context.socket(SocketType.REP);
        final ReqSocket req = (ReqSocket)context.socket(SocketType.REQ);
        req.lingerMs(0).connect(rep.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        final int index = poller.register(req, Poller.POLLOUT);
        req.send("q");
        assertEquals(0, poller.poll(0), "awaiting its reply");
        req.reqRelaxed(true); // an option, not a send or a receive: it must raise the flag all the same

        assertEquals(1, poller.poll(0));
        assertTrue(poller.isWritable(index));
    }

    @Test
    void aSocketTakenOverByASecondPollerIsStillReportedByTheFirst()
    {
        final Socket pull = context.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        final Poller first = new Poller();
        final Poller second = new Poller();
        first.register(pull, Poller.POLLIN);
        assertEquals(0, first.poll(0));
        second.register(pull, Poller.POLLIN);
        assertEquals(0, second.poll(0));
        assertEquals(0, first.poll(0));
        push.send("both see it");

        assertEquals(1, first.poll(WAIT_MS));
        assertEquals(1, second.poll(WAIT_MS));
        second.close();
        assertEquals(1, first.poll(0));
    }

    @Test
    void aSlotFreedByUnregisteringServesTheNextRegistration()
    {
        final Socket a = context.socket(SocketType.PULL);
        final Socket b = context.socket(SocketType.PULL);
        final Socket push = context.socket(SocketType.PUSH);
        a.bind("tcp://127.0.0.1:0");
        push.connect(b.bind("tcp://127.0.0.1:0"));
        final Poller poller = new Poller();
        poller.register(a, Poller.POLLIN);
        assertEquals(0, poller.poll(0));
        assertTrue(poller.unregister(a));
        final int index = poller.register(b, Poller.POLLIN);
        assertEquals(0, poller.poll(0));
        push.send("b");

        assertEquals(1, poller.poll(WAIT_MS));
        assertTrue(poller.isReadable(index));
    }

    @Test
    void everyMessageSentToManySocketsAtRandomIsHandedOutInDedicatedMode() throws Exception
    {
        manySocketsAtRandom(context, resources.context());
    }

    @Test
    void everyMessageSentToManySocketsAtRandomIsHandedOutInInvokerMode() throws Exception
    {
        manySocketsAtRandom(resources.context(Context.builder().threadingMode(ThreadingMode.INVOKER)),
            resources.context());
    }

    @Test
    void aSingleMessageWakesAPollerSleepingInItsEnginesSelector()
    {
        final Context invoker = resources.context(Context.builder().threadingMode(ThreadingMode.INVOKER));
        final int sockets = 8;
        final Poller poller = new Poller(sockets);
        final Socket[] pulls = new Socket[sockets];
        final Socket[] pushes = new Socket[sockets];
        for (int i = 0; i < sockets; i++)
        {
            pulls[i] = invoker.socket(SocketType.PULL);
            pushes[i] = context.socket(SocketType.PUSH);
            pushes[i].connect(pulls[i].bind("tcp://127.0.0.1:0"));
            poller.register(pulls[i], Poller.POLLIN);
        }
        final Message message = new Message();
        for (int round = 0; round < 20; round++)
        {
            final Socket push = pushes[round % sockets];
            CompletableFuture.runAsync(() ->
            {
                Await.sleep(20); // the poller sleeps in epoll by now: the bytes are handled by its select
                push.send("wake");
            });
            assertEquals(1, poller.poll(WAIT_MS), "round " + round + ": the message never made a socket ready");
            assertTrue(pulls[round % sockets].recv(message));
        }
    }

    /**
     * Messages from another context's thread, in bursts and pauses (so the engine falls asleep in its selector
     * between them), to random sockets among many; the poller alternates zero and blocking polls and receives one
     * message per ready socket per poll. Every message must come out, each poll with a timeout must find one.
     */
    private static void manySocketsAtRandom(final Context polled, final Context sending) throws Exception
    {
        final int sockets = 64;
        final int messages = 3_000;
        final Poller poller = new Poller(sockets);
        final Socket[] pulls = new Socket[sockets];
        final Socket[] pushes = new Socket[sockets];
        for (int i = 0; i < sockets; i++)
        {
            pulls[i] = polled.socket(SocketType.PULL).rcvTimeoutMs(0);
            pushes[i] = sending.socket(SocketType.PUSH);
            pushes[i].connect(pulls[i].bind("tcp://127.0.0.1:0"));
            poller.register(pulls[i], Poller.POLLIN);
        }
        final CompletableFuture<Void> sender = CompletableFuture.runAsync(() ->
        {
            final ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < messages; i++)
            {
                pushes[random.nextInt(sockets)].send("m");
                if (random.nextInt(50) == 0)
                {
                    Await.sleep(random.nextInt(3)); // long enough for the engine to sleep in epoll
                }
            }
        });
        final Message message = new Message();
        int received = 0;
        int polls = 0;
        while (received < messages)
        {
            final int ready = poller.poll(polls++ % 2 == 0 ? 0 : WAIT_MS);
            if (ready == 0 && polls % 2 == 0)
            {
                throw new AssertionError("a poll waited " + WAIT_MS + " ms with " + received + " of " + messages +
                    " messages received");
            }
            for (int i = 0; i < sockets; i++)
            {
                if (poller.isReadable(i))
                {
                    assertTrue(pulls[i].recv(message), "POLLIN promised a message");
                    received++;
                }
            }
        }
        sender.get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertEquals(0, poller.poll(0), "more messages than were sent");
    }
}
