package io.monocoque.api.robustness;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.DirectMemory;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a PUB's subscriber connection costs in direct memory with the default HWMs: the PUB is bound first (its rings
 * and fan-out ring allocated), then raw ZMTP subscribers (plain {@code java.net} sockets, heap only, a 4 KiB receive
 * buffer) connect, send their greeting, READY and a subscription to everything, and never read, so the growth of the
 * JVM's direct buffer pool is the PUB's subscriber sessions' alone. An idle subscriber must cost at most a quarter of
 * what it did when its staging buffer was half as large again as its HWM from the handshake on (issue 16); a busy
 * one (a burst it does not read) grows to hold up to its HWM, and no more than that old cost. Figures printed for the
 * README.
 */
class SubscriberMemoryTest
{
    private static final int SUBSCRIBERS = 20;
    /** The default subscriber HWM ({@code sndHwmBytes} of a PUB). */
    private static final long HWM_BYTES = 4L * 1024 * 1024;
    /**
     * Measured by this test before subscriber buffers were sized by need: a staging buffer of 1.5 times the HWM from
     * the handshake on, plus the session's read and handshake buffers.
     */
    private static final long BYTES_PER_IDLE_SUBSCRIBER_BEFORE = 6_296_579;
    private static final long MAX_BYTES_PER_IDLE_SUBSCRIBER = BYTES_PER_IDLE_SUBSCRIBER_BEFORE / 4;
    /** A burst a subscriber does not read must make its buffer grow at least this far (on average). */
    private static final long MIN_BYTES_PER_BUSY_SUBSCRIBER = HWM_BYTES / 4;
    private static final int PEER_RECEIVE_BUFFER = 4096;
    private static final int MESSAGE_BYTES = 1024;
    private static final int MESSAGES_PER_BURST = 1000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void anIdleSubscriberTakesAQuarterOfItsOldCostAndABusyOneGrowsToItsHwmAtMost() throws Exception
    {
        final PubSocket pub = (PubSocket)context.socket(SocketType.PUB).lingerMs(0);
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final long before = DirectMemory.used();
        final List<java.net.Socket> peers = new ArrayList<>();
        try
        {
            for (int i = 0; i < SUBSCRIBERS; i++)
            {
                final java.net.Socket peer = RawZmtp.connect(endpoint, PEER_RECEIVE_BUFFER);
                peers.add(peer);
                final OutputStream out = peer.getOutputStream();
                out.write(RawZmtp.zmtp31Greeting());
                out.write(RawZmtp.readyCommand("SUB"));
                out.write(new byte[]{0, 1, 1}); // a message frame of one byte, 0x01: subscribe to everything
                out.flush();
            }
            Await.awaitPeers(pub, SUBSCRIBERS);
            final long perIdle = (DirectMemory.used() - before) / SUBSCRIBERS;
            System.out.printf("idle PUB subscriber connection, default HWMs: %,d bytes of direct memory each; %,d " +
                "fit in 1 GiB%n", perIdle, (1L << 30) / Math.max(1, perIdle));
            assertTrue(perIdle <= MAX_BYTES_PER_IDLE_SUBSCRIBER,
                "an idle subscriber took " + perIdle + " bytes of direct memory");

            final byte[] body = new byte[MESSAGE_BYTES];
            Await.await("bursts nobody reads to grow the subscribers' buffers", () ->
            {
                for (int i = 0; i < MESSAGES_PER_BURST; i++)
                {
                    pub.send(body);
                }
                return DirectMemory.used() - before >= SUBSCRIBERS * MIN_BYTES_PER_BUSY_SUBSCRIBER;
            });
            for (int i = 0; i < 10 * MESSAGES_PER_BURST; i++)
            {
                pub.send(body); // far past every HWM: the rest is dropped, nothing grows beyond it
            }
            final long perBusy = (DirectMemory.used() - before) / SUBSCRIBERS;
            System.out.printf("busy PUB subscriber connection (a burst it does not read), default HWMs: %,d bytes " +
                "of direct memory each%n", perBusy);
            assertTrue(perBusy <= BYTES_PER_IDLE_SUBSCRIBER_BEFORE,
                "a busy subscriber took " + perBusy + " bytes of direct memory");
        }
        finally
        {
            for (final java.net.Socket peer : peers)
            {
                peer.close();
            }
        }
    }
}
