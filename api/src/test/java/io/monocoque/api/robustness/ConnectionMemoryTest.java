package io.monocoque.api.robustness;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.DirectMemory;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an idle DEALER connection costs in direct memory once its handshake is done, with the default HWMs: the
 * DEALER sockets are started first (their rings allocated, by binding them), then each connects to a raw ZMTP peer
 * in this test (plain {@code java.net} sockets, heap only) that sends its greeting and READY and never reads, so the
 * growth of the JVM's direct buffer pool is the connections' alone. The figures are printed for the README. An idle
 * connection must cost at most a quarter of the 525,313 bytes it took when its read and staging buffers had their
 * full 256 KiB each from the handshake on (issue 16); a busy one (a burst its peer does not read) grows them back to
 * at most that.
 */
class ConnectionMemoryTest
{
    private static final int CONNECTIONS = 40;
    /** Before buffers were sized by need (read and staging buffers of 256 KiB each from the handshake on). */
    private static final long BYTES_PER_IDLE_CONNECTION_BEFORE = 525_313;
    private static final long MAX_BYTES_PER_IDLE_CONNECTION = BYTES_PER_IDLE_CONNECTION_BEFORE / 4;
    /** A busy connection's buffers grow to the batching capacity again: what an idle one took before, with room. */
    private static final long MAX_BYTES_PER_BUSY_CONNECTION = 560 * 1024;
    /** A burst far larger than the staging buffer and the kernel's send buffer: the staging buffer fills. */
    private static final int BURST_MESSAGES = 4000;
    private static final int BURST_MESSAGE_BYTES = 1024;
    private static final int PEER_RECEIVE_BUFFER = 4096;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void anIdleDealerConnectionTakesAQuarterOfItsOldCostAndABusyOneAtMostItsOldCost() throws Exception
    {
        final List<Socket> dealers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++)
        {
            final Socket dealer = context.socket(SocketType.DEALER).lingerMs(0);
            dealer.bind("tcp://127.0.0.1:0"); // starts it: the rings exist before the first reading
            dealers.add(dealer);
        }
        try (ServerSocket server = new ServerSocket())
        {
            server.setReceiveBufferSize(PEER_RECEIVE_BUFFER); // inherited by the accepted peers
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), CONNECTIONS);
            final List<java.net.Socket> peers = new ArrayList<>();
            try
            {
                final long before = DirectMemory.used();
                final String endpoint = "tcp://127.0.0.1:" + server.getLocalPort();
                for (final Socket dealer : dealers)
                {
                    dealer.connect(endpoint);
                    peers.add(acceptAndGreet(server));
                }
                for (final Socket dealer : dealers)
                {
                    Await.awaitPeers(dealer, 1);
                }
                final long perConnection = (DirectMemory.used() - before) / CONNECTIONS;
                System.out.printf("idle DEALER connection, default HWMs: %,d bytes of direct memory each; %,d fit " +
                    "in 1 GiB%n", perConnection, (1L << 30) / Math.max(1, perConnection));
                assertTrue(perConnection <= MAX_BYTES_PER_IDLE_CONNECTION,
                    "an idle connection took " + perConnection + " bytes of direct memory");

                final byte[] body = new byte[BURST_MESSAGE_BYTES];
                for (final Socket dealer : dealers)
                {
                    for (int i = 0; i < BURST_MESSAGES && dealer.offer(body) > 0; i++)
                    {
                        // a burst its peer, with a 4 KiB receive buffer, cannot take: the staging buffer fills
                    }
                }
                Await.await("the bursts to fill the staging buffers", () -> DirectMemory.used() - before >=
                    CONNECTIONS * (MAX_BYTES_PER_IDLE_CONNECTION + 128 * 1024));
                final long perBusyConnection = (DirectMemory.used() - before) / CONNECTIONS;
                System.out.printf("busy DEALER connection (a burst its peer does not read), default HWMs: %,d bytes " +
                    "of direct memory each%n", perBusyConnection);
                assertTrue(perBusyConnection <= MAX_BYTES_PER_BUSY_CONNECTION,
                    "a busy connection took " + perBusyConnection + " bytes of direct memory");
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

    /** Accept one DEALER and send what a ROUTER sends; its own greeting waits unread in the kernel. */
    private static java.net.Socket acceptAndGreet(final ServerSocket server) throws IOException
    {
        final java.net.Socket peer = server.accept();
        final OutputStream out = peer.getOutputStream();
        out.write(RawZmtp.zmtp31Greeting());
        out.write(RawZmtp.readyCommand("ROUTER"));
        out.flush();
        return peer;
    }
}
