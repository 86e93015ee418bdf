package io.monocoque.examples;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Majordomo with Monocoque on every side: client, broker and workers, the workers on threads of their own. The
 * heartbeats are fast (100 ms, liveness 3) so that a dead worker or broker is noticed within a test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MajordomoTest
{
    private static final long HEARTBEAT_MS = 100;
    private static final int LIVENESS = 3;
    private static final long RECONNECT_MS = 100;
    /** Long enough for any healthy round trip; a retry only follows a request that was lost for good. */
    private static final long RETRY_TIMEOUT_MS = 1_000;
    private static final int RETRIES = 5;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    {
        resources.closeAfterTest(threads::shutdownNow);
    }

    private MajordomoBroker broker = startBroker("tcp://127.0.0.1:0");

    @Test
    void shouldEchoEveryRequestThroughBrokerAndWorker()
    {
        startWorker("echo", "worker-a");
        final MajordomoClient client = client(Await.WAIT_MS, 1);
        for (int i = 0; i < 10; i++)
        {
            assertFrames(List.of("hello-" + i, "second frame", "worker-a"),
                client.send("echo", bytes("hello-" + i), bytes("second frame")));
        }
    }

    @Test
    void shouldKeepServiceWhenItsWorkerIsClosedAndAnotherStarts() throws Exception
    {
        final Running workerA = startWorker("echo", "worker-a");
        final MajordomoClient client = client(RETRY_TIMEOUT_MS, RETRIES);
        assertFrames(List.of("one", "worker-a"), client.send("echo", bytes("one")));

        workerA.close(); // as if it crashed: no DISCONNECT, the broker notices the missing heartbeats
        startWorker("echo", "worker-b");
        // If worker-a is still taken for alive, this request goes to it and is lost; the retry reaches worker-b.
        assertFrames(List.of("two", "worker-b"), client.send("echo", bytes("two")));
    }

    @Test
    void shouldAnswerMmiServiceWith200ForAServedService404ForAnotherAnd501ForOtherMmiNames()
    {
        startWorker("echo", "worker-a");
        final MajordomoClient client = client(Await.WAIT_MS, 1);
        assertNotNull(client.send("echo", bytes("a worker is registered once it has answered")));

        assertFrames(List.of("200"), client.send(Mdp.MMI_SERVICE, bytes("echo")));
        assertFrames(List.of("404"), client.send(Mdp.MMI_SERVICE, bytes("no-such-service")));
        assertFrames(List.of("501"), client.send("mmi.no-such-query", bytes("echo")));
    }

    @Test
    void shouldGiveUpAfterItsRetriesOnAServiceNoWorkerServes()
    {
        // The Guide's broker queues a request for an unknown service; the client's timeout is what gives up.
        assertNull(client(200, 2).send("no-such-service", bytes("anyone?")));
    }

    @Test
    void shouldServeAQueuedRequestOnceAWorkerForItsServiceRegisters() throws Exception
    {
        final MajordomoClient client = client(Await.WAIT_MS, 1);
        assertFrames(List.of("404"), client.send(Mdp.MMI_SERVICE, bytes("late")));
        final Future<byte[][]> reply = threads.submit(() -> client.send("late", bytes("waiting")));
        Await.sleep(50); // not needed for the outcome: only makes it likely that the request waits in the broker
        startWorker("late", "late-worker");
        assertFrames(List.of("waiting", "late-worker"), reply.get(Await.WAIT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldRegisterItsWorkersAgainAfterTheBrokerRestarts() throws Exception
    {
        final String endpoint = broker.endpoint();
        startWorker("echo", "worker-a");
        final MajordomoClient client = client(RETRY_TIMEOUT_MS, RETRIES);
        assertFrames(List.of("before", "worker-a"), client.send("echo", bytes("before")));

        broker.close();
        broker = startBroker(endpoint); // knows no worker: worker-a registers again after DISCONNECT or silence
        assertFrames(List.of("after", "worker-a"), client.send("echo", bytes("after")));
    }

    @Test
    void shouldAnswerACommandFromAnUnknownWorkerWithDisconnect()
    {
        final Context context = resources.context();
        final Socket stranger = context.socket(SocketType.DEALER);
        stranger.rcvTimeoutMs(Await.WAIT_MS).connect(broker.endpoint());
        stranger.send(Mdp.EMPTY, Mdp.WORKER_FRAME, Mdp.command(Mdp.HEARTBEAT)); // HEARTBEAT before any READY
        final byte[][] answer = stranger.recvMultipart();
        assertNotNull(answer);
        assertArrayEquals(new byte[][] {Mdp.EMPTY, Mdp.WORKER_FRAME, Mdp.command(Mdp.DISCONNECT)}, answer);
    }

    @Test
    void shouldForgetAnIdleWorkerThatFallsSilent()
    {
        final MajordomoClient client = client(Await.WAIT_MS, 1);
        final Socket silent = resources.context().socket(SocketType.DEALER);
        silent.connect(broker.endpoint());
        silent.send(Mdp.EMPTY, Mdp.WORKER_FRAME, Mdp.command(Mdp.READY), bytes("quiet"));
        Await.await("the broker to register the worker", () ->
        {
            silent.send(Mdp.EMPTY, Mdp.WORKER_FRAME, Mdp.command(Mdp.HEARTBEAT)); // alive until seen registered
            return "200".equals(texts(client.send(Mdp.MMI_SERVICE, bytes("quiet"))).get(0));
        });
        // From now on the worker is silent.
        Await.await("the broker to forget the silent worker", () ->
            "404".equals(texts(client.send(Mdp.MMI_SERVICE, bytes("quiet"))).get(0)));
    }

    @Test
    void shouldHeartbeatAndRegisterAgainOnANewConnectionWhenTheBrokerFallsSilent()
    {
        // A broker that only listens: the worker heartbeats, then gives it up for dead and starts over.
        final Socket mute = resources.context().socket(SocketType.ROUTER);
        mute.rcvTimeoutMs(Await.WAIT_MS);
        final String endpoint = mute.bind("tcp://127.0.0.1:0");
        final MajordomoWorker worker = new MajordomoWorker(endpoint, "echo", HEARTBEAT_MS, LIVENESS, RECONNECT_MS);
        resources.closeAfterTest(Running.start("worker", () -> worker.receive(null), worker));

        final byte[][] ready = mute.recvMultipart();
        assertEquals(List.of("", Mdp.WORKER, "\u0001", "echo"), texts(Arrays.copyOfRange(ready, 1, ready.length)));
        final byte[][] heartbeat = mute.recvMultipart();
        assertArrayEquals(ready[0], heartbeat[0], "from the same connection");
        assertEquals(List.of("", Mdp.WORKER, "\u0004"), texts(Arrays.copyOfRange(heartbeat, 1, heartbeat.length)));
        byte[][] next;
        do
        {
            next = mute.recvMultipart(); // heartbeats, until READY comes on a new connection
            assertNotNull(next, "the worker never registered again");
        }
        while (Arrays.equals(next[0], ready[0]));
        assertEquals(List.of("", Mdp.WORKER, "\u0001", "echo"), texts(Arrays.copyOfRange(next, 1, next.length)));
    }

    private MajordomoBroker startBroker(final String endpoint)
    {
        final MajordomoBroker started = new MajordomoBroker(endpoint, HEARTBEAT_MS, LIVENESS);
        resources.closeAfterTest(Running.start("mdbroker", started, started));
        return started;
    }

    /** A worker that answers each request with its frames and then its own name. */
    private Running startWorker(final String service, final String name)
    {
        final MajordomoWorker worker = new MajordomoWorker(
            broker.endpoint(), service, HEARTBEAT_MS, LIVENESS, RECONNECT_MS);
        return resources.closeAfterTest(Running.start(name, () ->
        {
            byte[][] reply = null;
            byte[][] request;
            while ((request = worker.receive(reply)) != null)
            {
                reply = Arrays.copyOf(request, request.length + 1);
                reply[request.length] = bytes(name);
            }
        }, worker));
    }

    private MajordomoClient client(final long timeoutMs, final int retries)
    {
        return resources.closeAfterTest(new MajordomoClient(broker.endpoint(), timeoutMs, retries));
    }

    private static void assertFrames(final List<String> expected, final byte[][] frames)
    {
        assertEquals(expected, texts(frames));
    }

    private static List<String> texts(final byte[][] frames)
    {
        assertNotNull(frames, "no reply");
        return Arrays.stream(frames).map(frame -> new String(frame, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
