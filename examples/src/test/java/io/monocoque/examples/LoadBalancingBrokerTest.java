package io.monocoque.examples;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load-balancing broker with Monocoque REQ clients and REQ workers, each on a thread of its own.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadBalancingBrokerTest
{
    private static final byte[] EMPTY = new byte[0];

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final ExecutorService clients = resources.closeAfterTest(new Pool()).executor;
    private final LoadBalancingBroker broker = new LoadBalancingBroker("tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
    private final Running brokerLoop = resources.closeAfterTest(Running.start("lbbroker", broker, broker));
    /** Requests served, by worker name. */
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    @Test
    void shouldAnswerEveryRequestOfEveryClientThroughSomeWorker() throws Exception
    {
        for (int w = 0; w < 3; w++)
        {
            startWorker("worker-" + w, null);
        }
        final List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < 4; c++)
        {
            final String client = "client-" + c;
            runs.add(clients.submit(() -> sendRequests(client, 25)));
        }
        for (final Future<?> run : runs)
        {
            run.get(Await.WAIT_MS, TimeUnit.MILLISECONDS);
        }
        assertEquals(100, served.values().stream().mapToInt(AtomicInteger::get).sum(), "requests served " + served);
        assertTrue(served.keySet().stream().allMatch(name -> name.startsWith("worker-")), served.toString());
    }

    @Test
    void shouldGiveConcurrentRequestsToEveryWorker() throws Exception
    {
        // Each worker holds its first request until every worker has one: the broker must find a free worker for
        // each request, so four requests at once reach four workers, whatever the timing.
        final CountDownLatch everyWorkerBusy = new CountDownLatch(4);
        for (int w = 0; w < 4; w++)
        {
            startWorker("worker-" + w, everyWorkerBusy);
        }
        final List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < 4; c++)
        {
            final String client = "client-" + c;
            runs.add(clients.submit(() -> sendRequests(client, 1)));
        }
        for (final Future<?> run : runs)
        {
            run.get(Await.WAIT_MS, TimeUnit.MILLISECONDS);
        }
        assertEquals(4, served.size(), "workers that served a request: " + served);
        served.forEach((worker, count) -> assertEquals(1, count.get(), worker + " served " + count));
    }

    @Test
    void shouldHoldARequestUntilAWorkerIsReady() throws Exception
    {
        final Future<?> run = clients.submit(() -> sendRequests("early-client", 1));
        Await.sleep(50); // not needed for the outcome: only makes it likely that the request waits for a worker
        startWorker("late-worker", null);
        run.get(Await.WAIT_MS, TimeUnit.MILLISECONDS);
        assertEquals(1, served.get("late-worker").get());
    }

    @Test
    void shouldReturnFromRunWhenClosedFromAnotherThread()
    {
        startWorker("worker", null);
        broker.close();
        Await.await("the broker's run() to return", brokerLoop::hasEnded);
    }

    /** A REQ client that sends requests one after the other and checks each reply. */
    private Void sendRequests(final String client, final int count)
    {
        final Socket req = context.socket(SocketType.REQ);
        req.rcvTimeoutMs(Await.WAIT_MS).connect(broker.frontendEndpoint());
        for (int i = 0; i < count; i++)
        {
            final String request = client + "-request-" + i;
            assertTrue(req.send(request));
            final String reply = req.recvString();
            assertNotNull(reply, "no reply to " + request + " within " + Await.WAIT_MS + " ms");
            final int colon = reply.indexOf(':');
            assertTrue(colon > 0 && served.containsKey(reply.substring(0, colon)), "reply from a worker: " + reply);
            assertEquals(request, reply.substring(colon + 1));
        }
        req.close();
        return null;
    }

    /**
     * A worker as the Guide writes it: READY, then answer each request with "name:request". With {@code hold}, it
     * keeps its first request until {@code hold} reaches zero.
     */
    private void startWorker(final String name, final CountDownLatch hold)
    {
        served.put(name, new AtomicInteger());
        final Socket worker = context.socket(SocketType.REQ);
        worker.connect(broker.backendEndpoint());
        resources.closeAfterTest(Running.start(name, () ->
        {
            try
            {
                worker.send(LoadBalancingBroker.READY);
                while (true)
                {
                    final byte[][] request = worker.recvMultipart(); // [client id, "", request]
                    if (request == null)
                    {
                        return;
                    }
                    if (hold != null && served.get(name).get() == 0)
                    {
                        hold.countDown();
                        assertTrue(hold.await(Await.WAIT_MS, TimeUnit.MILLISECONDS), "workers never all busy");
                    }
                    served.get(name).incrementAndGet();
                    final String reply = name + ":" + new String(request[2], StandardCharsets.UTF_8);
                    worker.send(request[0], EMPTY, reply.getBytes(StandardCharsets.UTF_8));
                }
            }
            catch (final SocketClosedException ex)
            {
                // the test is over: its socket was closed
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, worker::close));
    }

    /** The client threads, stopped after the test. */
    private static final class Pool implements AutoCloseable
    {
        final ExecutorService executor = Executors.newCachedThreadPool();

        @Override
        public void close()
        {
            executor.shutdownNow();
        }
    }
}
