package io.monocoque.perf.anchor;

import io.monocoque.perf.Idle;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnchorPeerTest
{
    @Test
    void shouldTakeTheHarnessDefaultsPerRole()
    {
        final AnchorArgs latency = AnchorArgs.parse("lat-client", "127.0.0.1:5555", null, null, null, null);
        assertEquals("tcp://127.0.0.1:5555", latency.endpoint());
        assertEquals(64, latency.size());
        assertEquals(100_000, latency.count());
        assertEquals(20_000, latency.warmup());
        assertNull(latency.hgrm());

        final AnchorArgs throughput = AnchorArgs.parse("thr-sink", "tcp://127.0.0.1:5555", 1024, null, null, "");
        assertEquals(AnchorRole.THR_SINK, throughput.role());
        assertEquals(1_000_000, throughput.count());
        assertEquals(0, throughput.warmup());
    }

    @Test
    void shouldRefuseAnUnknownRoleABadEndpointAndATooSmallCount()
    {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> AnchorArgs.parse("lat-serve", "127.0.0.1:1", null, null, null, null)).getMessage()
            .contains("unknown role 'lat-serve'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> AnchorArgs.parse("thr-sink", "localhost", null, null, null, null)).getMessage()
            .contains("want HOST:PORT"));
        assertThrows(IllegalArgumentException.class,
            () -> AnchorArgs.parse("thr-sink", "127.0.0.1:1", 64, 1, null, null));
    }

    @Test
    void shouldPrintTheHarnessRateLineAfterASinkReceivesEveryMessage() throws Exception
    {
        final String endpoint = "127.0.0.1:" + freePort();
        final ByteArrayOutputStream sinkOut = new ByteArrayOutputStream();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread sink = new Thread(() -> run(
            AnchorArgs.parse("thr-sink", endpoint, 100, 5_000, null, null), sinkOut, failure));
        sink.start();
        run(AnchorArgs.parse("thr-source", endpoint, 100, 5_000, null, null), new ByteArrayOutputStream(), failure);
        sink.join();
        assertNull(failure.get());
        final String line = sinkOut.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("impl=monocoque size=100 count=5000 msgs_per_s=\\d+ mb_per_s=[\\d.]+ " +
            "elapsed_s=[\\d.]+\\R"), line);
    }

    @Test
    void shouldPrintTheHarnessPercentileLineAfterTheClientsRoundTrips() throws Exception
    {
        final String endpoint = "127.0.0.1:" + freePort();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread server = new Thread(() -> run(
            AnchorArgs.parse("lat-server", endpoint, 32, 500, 100, null), new ByteArrayOutputStream(), failure));
        server.start();
        final ByteArrayOutputStream clientOut = new ByteArrayOutputStream();
        run(AnchorArgs.parse("lat-client", endpoint, 32, 500, 100, null), clientOut, failure);
        server.join();
        assertNull(failure.get());
        assertTrue(clientOut.toString(StandardCharsets.UTF_8).startsWith("impl=monocoque size=32 count=500 p50_us="));
    }

    private static void run(final AnchorArgs args, final ByteArrayOutputStream out,
        final AtomicReference<Throwable> failure)
    {
        try
        {
            new AnchorPeer(args, Idle.BACKOFF, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        }
        catch (final Throwable ex)
        {
            failure.compareAndSet(null, ex);
        }
    }

    private static int freePort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
