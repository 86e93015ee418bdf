package io.monocoque.examples;

import io.monocoque.api.interop.libzmq.PythonPeerProcess;
import io.monocoque.api.interop.libzmq.RequiresLibzmq;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Majordomo between Monocoque and libzmq: a pyzmq worker serving a Monocoque client through the Monocoque broker,
 * and pyzmq clients (REQ as in the Guide's mdcliapi, DEALER as in mdcliapi2) served by a Monocoque worker. The
 * pyzmq peers speak 7/MDP frame by frame, written here from the spec.
 */
@RequiresLibzmq
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MajordomoLibzmqTest
{
    private static final long HEARTBEAT_MS = 100;
    /** Generous: a pyzmq process that the machine keeps waiting a little must not be taken for dead. */
    private static final int LIVENESS = 10;

    /**
     * An MDP worker: READY, a HEARTBEAT every interval, replies "py:" + each frame; it reports when the broker's
     * heartbeats have reached a count.
     */
    private static final String WORKER = """
        import time
        endpoint, service, heartbeat_ms, report_at = args
        worker = context.socket(zmq.DEALER)
        worker.setsockopt(zmq.LINGER, 0)
        worker.connect(endpoint)
        worker.send_multipart([b"", b"MDPW01", b"\\x01", service.encode()])
        out("READY " + endpoint)
        heartbeat_at = time.monotonic() + int(heartbeat_ms) / 1000
        heartbeats = 0
        while True:
            if worker.poll(int(heartbeat_ms)):
                frames = worker.recv_multipart()
                if frames[:2] != [b"", b"MDPW01"]:
                    fail("not an MDP worker command: %r" % frames)
                if frames[2] == b"\\x02":
                    client, empty, body = frames[3], frames[4], frames[5:]
                    worker.send_multipart([b"", b"MDPW01", b"\\x03", client, b""] + [b"py:" + f for f in body])
                elif frames[2] == b"\\x04":
                    heartbeats += 1
                    if heartbeats == int(report_at):
                        out("HEARTBEATS " + report_at)
                elif frames[2] == b"\\x05":
                    fail("the broker sent DISCONNECT")
            if time.monotonic() >= heartbeat_at:
                worker.send_multipart([b"", b"MDPW01", b"\\x04"])
                heartbeat_at = time.monotonic() + int(heartbeat_ms) / 1000
        """;
    /** MDP clients: requests to echo over REQ, one over DEALER, and an mmi.service lookup. */
    private static final String CLIENT = """
        endpoint, count = args
        def reply(socket, what):
            if not socket.poll(10000):
                fail("no reply to " + what)
            return socket.recv_multipart()
        req = context.socket(zmq.REQ)
        req.setsockopt(zmq.LINGER, 0)
        req.connect(endpoint)
        out("READY " + endpoint)
        for i in range(int(count)):
            body = b"hello-%d" % i
            req.send_multipart([b"MDPC01", b"echo", body])
            frames = reply(req, body.decode())
            if frames != [b"MDPC01", b"echo", body, b"java-worker"]:
                fail("reply %r" % frames)
        out("ECHOED " + count)
        req.send_multipart([b"MDPC01", b"mmi.service", b"echo"])
        out("MMI " + b"|".join(reply(req, "mmi.service")).decode())
        dealer = context.socket(zmq.DEALER)
        dealer.setsockopt(zmq.LINGER, 0)
        dealer.connect(endpoint)
        dealer.send_multipart([b"", b"MDPC01", b"echo", b"async"])
        out("DEALER " + b"|".join(reply(dealer, "async")).decode())
        """;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final MajordomoBroker broker = new MajordomoBroker("tcp://127.0.0.1:0", HEARTBEAT_MS, LIVENESS);
    private final Running brokerLoop = resources.closeAfterTest(Running.start("mdbroker", broker, broker));

    @Test
    void shouldServeAMonocoqueClientWithALibzmqWorker()
    {
        final PythonPeerProcess worker = resources.closeAfterTest(InlinePython.start(
            WORKER, broker.endpoint(), "echo", Long.toString(HEARTBEAT_MS), Integer.toString(2 * LIVENESS)));
        worker.awaitReady("tcp://");
        final MajordomoClient client = resources.closeAfterTest(
            new MajordomoClient(broker.endpoint(), Await.WAIT_MS, 1));
        for (int i = 0; i < 10; i++)
        {
            assertEquals(List.of("py:hello-" + i, "py:second"),
                texts(client.send("echo", bytes("hello-" + i), bytes("second"))));
        }
        // The broker heartbeats only the idle workers it knows: twice its liveness in heartbeats means that the
        // pyzmq worker's own heartbeats kept it known.
        worker.expectLine("HEARTBEATS " + 2 * LIVENESS, "heartbeats from the broker");
        assertEquals(List.of("200"), texts(client.send(Mdp.MMI_SERVICE, bytes("echo"))));
        assertEquals(List.of("py:after heartbeats"), texts(client.send("echo", bytes("after heartbeats"))));
    }

    @Test
    void shouldServeLibzmqClientsWithAMonocoqueWorker()
    {
        final MajordomoWorker worker = new MajordomoWorker(
            broker.endpoint(), "echo", HEARTBEAT_MS, LIVENESS, HEARTBEAT_MS);
        resources.closeAfterTest(Running.start("java-worker", () ->
        {
            byte[][] reply = null;
            byte[][] request;
            while ((request = worker.receive(reply)) != null)
            {
                reply = Arrays.copyOf(request, request.length + 1);
                reply[request.length] = bytes("java-worker");
            }
        }, worker));

        final PythonPeerProcess client = resources.closeAfterTest(InlinePython.start(CLIENT, broker.endpoint(), "20"));
        client.awaitReady("tcp://");
        client.expectLine("ECHOED 20", "requests over REQ answered");
        client.expectLine("MMI MDPC01|mmi.service|200", "the mmi.service reply");
        client.expectLine("DEALER |MDPC01|echo|async|java-worker", "the reply to the DEALER client");
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
