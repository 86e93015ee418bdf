package io.monocoque.api.interop.libzmq;

import io.monocoque.api.Context;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Monocoque ROUTER serving two libzmq DEALERs, one of which stops reading (its receive HWM and buffer tiny): the
 * ROUTER drops what the stalled peer cannot take, counts it, and keeps answering the healthy peer's pipelined
 * requests, as libzmq's ROUTER does. Then the same with large (1 MiB) replies and the default HWM.
 */
@RequiresLibzmq
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouterDropLibzmqTest
{
    private static final int TIMEOUT_MS = 20_000;
    private static final long SMALL_HWM = 256 * 1024;
    private static final long DEFAULT_HWM = 4 * 1024 * 1024;
    /** Far more than the stalled peer's HWM, kernel buffers and libzmq's own buffers hold. */
    private static final int MAX_SENDS_TO_STALLED = 100_000;
    private static final byte[] STALLED_ID = "stalled".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEALTHY_ID = "healthy".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldDropForAStalledLibzmqDealerAndKeepAnsweringAHealthyOne()
    {
        serveWhileOnePeerStalls(SMALL_HWM, 1000, 200);
    }

    @Test
    void shouldDropLargeRepliesForAStalledLibzmqDealerAndKeepAnsweringAHealthyOne()
    {
        serveWhileOnePeerStalls(DEFAULT_HWM, 1024 * 1024, 10);
    }

    private void serveWhileOnePeerStalls(final long hwm, final int replySize, final int requests)
    {
        final RouterSocket router = (RouterSocket)context.socket(SocketType.ROUTER);
        router.sndHwmBytes(hwm).rcvTimeoutMs(TIMEOUT_MS).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        final LibzmqPeer stalled = resources.closeAfterTest(LibzmqPeer.start(List.of("--type", "DEALER",
            "--mode", "stall", "--identity", HexFormat.of().formatHex(STALLED_ID), "--rcvhwm", "1",
            "--rcvbuf", "4096", "--msg", HexFormat.of().formatHex("hello".getBytes(StandardCharsets.US_ASCII)),
            "--connect", endpoint)));
        stalled.expectLine("STALLED 1", "the stalled peer's hello");
        final byte[][] hello = router.recvMultipart();
        assertNotNull(hello);
        assertTrue(Arrays.equals(STALLED_ID, hello[0]));

        final byte[] reply = new byte[replySize];
        for (int i = 0; i < MAX_SENDS_TO_STALLED && router.droppedMessages() == 0; i++)
        {
            assertTrue(router.send(STALLED_ID, reply), "a send to the stalled peer never waits");
        }
        Await.await("messages dropped at the stalled peer's HWM", () -> router.droppedMessages() > 0);

        final LibzmqPeer healthy = resources.closeAfterTest(LibzmqPeer.start(List.of("--type", "DEALER",
            "--mode", "client", "--identity", HexFormat.of().formatHex(HEALTHY_ID), "--gen",
            Integer.toString(requests), "--size", "64", "--timeout-ms", Integer.toString(TIMEOUT_MS),
            "--connect", endpoint)));
        final List<byte[][]> replies = new ArrayList<>();
        for (int i = 0; i < requests; i++)
        {
            final byte[][] request = router.recvMultipart();
            assertNotNull(request, "request " + i);
            assertTrue(Arrays.equals(HEALTHY_ID, request[0]), "from the healthy peer");
            final byte[] answer = Arrays.copyOf(request[1], replySize);
            assertTrue(router.send(HEALTHY_ID, answer), "reply " + i);
            replies.add(new byte[][]{answer});
            assertTrue(router.send(STALLED_ID, reply), "more for the stalled peer, dropped");
        }
        healthy.expectReceived(replies);
        healthy.expectDone(requests);
    }
}
