package io.monocoque.api.robustness;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an idle DEALER connection costs in direct memory once its handshake is done, with the default HWMs: the
 * DEALER sockets are started first (their rings allocated, by binding them), then each connects to a raw ZMTP peer
 * in this test (plain {@code java.net} sockets, heap only) that sends its greeting and READY and never reads, so the
 * growth of the JVM's direct buffer pool is the connections' alone. The figure is printed for the README; the bound
 * is today's cost with a little room, a guard against a connection growing unnoticed (issue 16 is to cut it to a
 * quarter and will tighten it).
 */
class ConnectionMemoryTest
{
    private static final int CONNECTIONS = 40;
    /** Today's cost (256 KiB read buffer, 256 KiB staging buffer, the handshake's buffer) with a little room. */
    private static final long MAX_BYTES_PER_IDLE_CONNECTION = 560 * 1024;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void anIdleDealerConnectionWithDefaultHwmsTakesAtMostItsTwoBuffers() throws Exception
    {
        final List<Socket> dealers = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++)
        {
            final Socket dealer = context.socket(SocketType.DEALER).lingerMs(0);
            dealer.bind("tcp://127.0.0.1:0"); // starts it: the rings exist before the first reading
            dealers.add(dealer);
        }
        try (ServerSocket server = new ServerSocket(0, CONNECTIONS, InetAddress.getLoopbackAddress()))
        {
            final List<java.net.Socket> peers = new ArrayList<>();
            try
            {
                final long before = directMemoryUsed();
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
                final long perConnection = (directMemoryUsed() - before) / CONNECTIONS;
                System.out.printf("idle DEALER connection, default HWMs: %,d bytes of direct memory each; %,d fit " +
                    "in 1 GiB%n", perConnection, (1L << 30) / Math.max(1, perConnection));
                assertTrue(perConnection <= MAX_BYTES_PER_IDLE_CONNECTION,
                    "an idle connection took " + perConnection + " bytes of direct memory");
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

    private static long directMemoryUsed()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool");
    }
}
