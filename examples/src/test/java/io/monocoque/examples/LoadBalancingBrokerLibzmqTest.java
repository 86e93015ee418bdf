package io.monocoque.examples;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketType;
import io.monocoque.api.interop.libzmq.PythonPeerProcess;
import io.monocoque.api.interop.libzmq.RequiresLibzmq;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Monocoque load-balancing broker between libzmq peers: pyzmq REQ clients and REQ workers, each a process of
 * its own, written as the Guide writes them.
 */
@RequiresLibzmq
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadBalancingBrokerLibzmqTest
{
    /** A Guide worker; with {@code hold}, it reports its first request and answers it only when told GO. */
    private static final String WORKER = """
        name, endpoint, hold = args
        worker = context.socket(zmq.REQ)
        worker.setsockopt(zmq.LINGER, 0)
        worker.connect(endpoint)
        worker.send(b"READY")
        out("READY " + endpoint)
        while True:
            client, empty, request = worker.recv_multipart()
            if hold == "hold":
                out("GOT " + request.decode())
                if command() != "GO":
                    fail("expected GO")
                hold = "no"
            worker.send_multipart([client, b"", name.encode() + b":" + request])
        """;
    /** A client that sends requests one after the other, checks each reply, and names the workers that served. */
    private static final String CLIENT = """
        name, endpoint, count = args
        client = context.socket(zmq.REQ)
        client.setsockopt(zmq.LINGER, 0)
        client.connect(endpoint)
        out("READY " + endpoint)
        workers = set()
        for i in range(int(count)):
            request = "%s-request-%d" % (name, i)
            client.send(request.encode())
            if not client.poll(10000):
                fail("no reply to " + request)
            worker, colon, body = client.recv().decode().partition(":")
            if body != request:
                fail("the reply to %s was %s:%s" % (request, worker, body))
            workers.add(worker)
        out("DONE " + ",".join(sorted(workers)))
        """;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final LoadBalancingBroker broker = new LoadBalancingBroker("tcp://127.0.0.1:0", "tcp://127.0.0.1:0");
    private final Running brokerLoop = resources.closeAfterTest(Running.start("lbbroker", broker, broker));

    @Test
    void shouldSpreadRequestsOfLibzmqClientsOverLibzmqWorkers()
    {
        final PythonPeerProcess worker0 = startWorker("py-worker-0", "hold");
        final PythonPeerProcess worker1 = startWorker("py-worker-1", "hold");
        final PythonPeerProcess client0 = startClient("py-client-0", 10);
        final PythonPeerProcess client1 = startClient("py-client-1", 10);

        // Each worker holds its first request: the two clients' first requests must reach both.
        final Set<String> held = new TreeSet<>(List.of(worker0.nextLine(), worker1.nextLine()));
        assertEquals(Set.of("GOT py-client-0-request-0", "GOT py-client-1-request-0"), held);
        worker0.writeLine("GO");
        worker1.writeLine("GO");

        expectServedBy(client0, "py-worker-0", "py-worker-1");
        expectServedBy(client1, "py-worker-0", "py-worker-1");
    }

    @Test
    void shouldServeMonocoqueAndLibzmqClientsWithMonocoqueAndLibzmqWorkers() throws Exception
    {
        startWorker("py-worker", "no");
        startMonocoqueWorker("java-worker");
        final PythonPeerProcess pyClient = startClient("py-client", 20);

        final Socket req = context.socket(SocketType.REQ);
        req.rcvTimeoutMs(Await.WAIT_MS).connect(broker.frontendEndpoint());
        for (int i = 0; i < 20; i++)
        {
            assertTrue(req.send("java-client-request-" + i));
            final String reply = req.recvString();
            assertTrue(reply != null && reply.matches("(py|java)-worker:java-client-request-" + i), reply);
        }
        expectServedBy(pyClient, "py-worker", "java-worker");
    }

    /** The client's last line, DONE and the workers that served it, names only these workers. */
    private static void expectServedBy(final PythonPeerProcess client, final String... workers)
    {
        final String done = client.nextLine();
        assertTrue(done.startsWith("DONE "), done);
        assertTrue(Set.of(workers).containsAll(List.of(done.substring("DONE ".length()).split(","))), done);
    }

    private PythonPeerProcess startWorker(final String name, final String hold)
    {
        final PythonPeerProcess worker = resources.closeAfterTest(
            InlinePython.start(WORKER, name, broker.backendEndpoint(), hold));
        worker.awaitReady("tcp://");
        return worker;
    }

    private PythonPeerProcess startClient(final String name, final int count)
    {
        final PythonPeerProcess client = resources.closeAfterTest(
            InlinePython.start(CLIENT, name, broker.frontendEndpoint(), Integer.toString(count)));
        client.awaitReady("tcp://");
        return client;
    }

    private void startMonocoqueWorker(final String name)
    {
        final Socket worker = context.socket(SocketType.REQ);
        worker.connect(broker.backendEndpoint());
        resources.closeAfterTest(Running.start(name, () ->
        {
            try
            {
                worker.send(LoadBalancingBroker.READY);
                byte[][] request;
                while ((request = worker.recvMultipart()) != null) // [client id, "", request]
                {
                    final String reply = name + ":" + new String(request[2], StandardCharsets.UTF_8);
                    worker.send(request[0], new byte[0], reply.getBytes(StandardCharsets.UTF_8));
                }
            }
            catch (final SocketClosedException ex)
            {
                // the test is over
            }
        }, worker::close));
    }
}
