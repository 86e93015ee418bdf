package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;

import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ROUTER peer that stops reading (a raw ZMTP DEALER that never reads, with a small receive buffer): its HWM is
 * the socket's {@code sndHwmBytes} (small here, so that it is reached with few messages); without
 * routerMandatory the ROUTER drops what it cannot take and keeps serving the other peer; with it, offers to the
 * full peer return BACK_PRESSURED while the other peer is still OK and an unknown one HOST_UNREACHABLE.
 */
class RouterFullPeerSemanticsTest
{
    private static final int SMALL_BUFFER = 4096;
    private static final byte[] PAYLOAD = new byte[1000];
    private static final int REQUEST_BODY = 200;
    /** A peer's HWM is the socket's send HWM; a small one makes the stalled peer reach it with few messages. */
    private static final long SMALL_HWM = 256 * 1024;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private java.net.Socket stalledDealer(final String endpoint) throws Exception
    {
        final java.net.Socket raw = RawZmtp.connect(endpoint, SMALL_BUFFER);
        final OutputStream out = raw.getOutputStream();
        out.write(RawZmtp.zmtp31Greeting());
        out.write(RawZmtp.readyCommand("DEALER"));
        out.write(new byte[]{0, 5});
        out.write(bytes("hello"));
        out.flush();
        return raw; // never read from
    }

    private Socket healthyDealer(final String endpoint)
    {
        final Socket dealer = socket(context, SocketType.DEALER);
        dealer.identity("healthy");
        dealer.connect(endpoint);
        awaitPeers(dealer, 1);
        return dealer;
    }

    @Test
    void shouldDropForAStalledPeerAndKeepServingTheOthers() throws Exception
    {
        final RouterSocket router = (RouterSocket)socket(context, SocketType.ROUTER);
        router.sndHwmBytes(SMALL_HWM);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        try (java.net.Socket stalled = stalledDealer(endpoint))
        {
            final byte[] stalledId = recv(router)[0];
            final Socket healthy = healthyDealer(endpoint);
            awaitPeers(router, 2);
            // Far more than the stalled peer's kernel buffers and its HWM can hold.
            for (int i = 0; i < 5_000; i++)
            {
                assertTrue(router.send(stalledId, PAYLOAD));
            }
            await("drops at the stalled peer's HWM", () -> router.droppedMessages() > 0);
            for (int i = 0; i < 100; i++)
            {
                assertTrue(router.send(bytes("healthy"), bytes("reply-" + i)));
            }
            for (int i = 0; i < 100; i++)
            {
                assertReceives(healthy, "reply-" + i);
            }
        }
    }

    @Test
    void shouldKeepAnEchoRepServingOtherClientsWhileOneFloodsRequestsAndNeverReads() throws Exception
    {
        final Socket rep = socket(context, SocketType.REP);
        rep.sndHwmBytes(SMALL_HWM);
        rep.rcvTimeoutMs(100);
        final String endpoint = rep.bind("tcp://127.0.0.1:0");
        final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        final Thread echo = new Thread(() ->
        {
            final io.monocoque.api.Message message = new io.monocoque.api.Message();
            while (running.get())
            {
                if (rep.recv(message))
                {
                    rep.send(message);
                }
            }
        });
        echo.start();
        try (java.net.Socket flooder = RawZmtp.connect(endpoint, SMALL_BUFFER))
        {
            final OutputStream out = new java.io.BufferedOutputStream(flooder.getOutputStream());
            out.write(RawZmtp.zmtp31Greeting());
            out.write(RawZmtp.readyCommand("REQ"));
            for (int i = 0; i < 20_000; i++)
            {
                out.write(new byte[]{1, 0, 0, (byte)REQUEST_BODY}); // empty delimiter (MORE), then a short frame
                out.write(PAYLOAD, 0, REQUEST_BODY);
            }
            out.flush();
            final Socket client = socket(context, SocketType.REQ);
            client.rcvTimeoutMs(io.monocoque.api.testing.Await.WAIT_MS);
            client.connect(endpoint);
            for (int i = 0; i < 200; i++)
            {
                assertTrue(client.send("request-" + i));
                assertReceives(client, "request-" + i);
            }
            await("replies to the flooder dropped at its HWM", () -> rep.droppedMessages() > 0);
        }
        finally
        {
            running.set(false);
            echo.join();
        }
    }

    @Test
    void shouldRefuseOnlyTheFullPeerAtTheCallWithRouterMandatory() throws Exception
    {
        final RouterSocket router = (RouterSocket)socket(context, SocketType.ROUTER);
        router.sndHwmBytes(SMALL_HWM);
        router.routerMandatory(true);
        final String endpoint = router.bind("tcp://127.0.0.1:0");
        try (java.net.Socket stalled = stalledDealer(endpoint))
        {
            final byte[] stalledId = recv(router)[0];
            final Socket healthy = healthyDealer(endpoint);
            awaitPeers(router, 2);
            await("the stalled peer to be at its HWM", () ->
            {
                final long result = router.offer(stalledId, PAYLOAD);
                return result == SendResult.BACK_PRESSURED;
            });
            assertEquals(SendResult.BACK_PRESSURED, router.offer(stalledId, PAYLOAD), "still full");
            assertTrue(router.offer(bytes("healthy"), bytes("ok")) > 0, "the other peer is not affected");
            assertEquals(SendResult.HOST_UNREACHABLE, router.offer(bytes("nobody"), bytes("x")));
            assertReceives(healthy, "ok");
            assertEquals(0, router.droppedMessages(), "refused at the call, nothing dropped by the engine");
        }
    }
}
