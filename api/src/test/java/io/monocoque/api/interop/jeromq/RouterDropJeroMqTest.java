package io.monocoque.api.interop.jeromq;

import io.monocoque.api.Context;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.JeroMqConnect;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Monocoque ROUTER serving two JeroMQ DEALERs, one of which never reads (receive HWM 1, a small TCP buffer): the
 * ROUTER drops what the stalled peer cannot take, counts it, and keeps answering the healthy one, with small and
 * with large (1 MiB) replies.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouterDropJeroMqTest
{
    private static final int TIMEOUT_MS = 20_000;
    private static final int MAX_SENDS_TO_STALLED = 100_000;
    private static final byte[] STALLED_ID = "stalled".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEALTHY_ID = "healthy".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final ZContext jeromq = resources.closeAfterTest(new ZContext());

    @ParameterizedTest(name = "HWM {0} bytes, replies of {1} bytes")
    @CsvSource({"262144, 1000", "4194304, 1048576"})
    void shouldDropForAStalledJeromqDealerAndKeepAnsweringAHealthyOne(final long hwm, final int replySize)
    {
        final RouterSocket router = (RouterSocket)context.socket(SocketType.ROUTER);
        router.sndHwmBytes(hwm).rcvTimeoutMs(TIMEOUT_MS).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        final ZMQ.Socket stalled = dealer(STALLED_ID);
        stalled.setRcvHWM(1);
        stalled.setReceiveBufferSize(4096);
        JeroMqConnect.connect(jeromq, stalled, endpoint, router, TIMEOUT_MS);
        stalled.send("hello");
        final byte[][] hello = router.recvMultipart();
        assertNotNull(hello);
        assertArrayEquals(STALLED_ID, hello[0]);

        final byte[] reply = new byte[replySize];
        for (int i = 0; i < MAX_SENDS_TO_STALLED && router.droppedMessages() == 0; i++)
        {
            assertTrue(router.send(STALLED_ID, reply), "a send to the stalled peer never waits");
        }
        Await.await("messages dropped at the stalled peer's HWM", () -> router.droppedMessages() > 0);

        final ZMQ.Socket healthy = dealer(HEALTHY_ID);
        JeroMqConnect.connect(jeromq, healthy, endpoint, router, TIMEOUT_MS);
        for (int i = 0; i < 10; i++)
        {
            final byte[] request = ("request-" + i).getBytes(StandardCharsets.US_ASCII);
            assertTrue(healthy.send(request));
            final byte[][] received = router.recvMultipart();
            assertNotNull(received, "request " + i);
            assertArrayEquals(HEALTHY_ID, received[0]);
            final byte[] answer = Arrays.copyOf(request, replySize);
            assertTrue(router.send(HEALTHY_ID, answer));
            assertTrue(router.send(STALLED_ID, reply), "more for the stalled peer, dropped");
            assertArrayEquals(answer, healthy.recv(), "reply " + i);
        }
    }

    private ZMQ.Socket dealer(final byte[] identity)
    {
        final ZMQ.Socket socket = jeromq.createSocket(org.zeromq.SocketType.DEALER);
        socket.setLinger(0);
        socket.setIdentity(identity);
        socket.setReceiveTimeOut(TIMEOUT_MS);
        return socket;
    }
}
