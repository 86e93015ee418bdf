package io.monocoque.api.interop.libzmq;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages far larger than a receive-ring record, sent by libzmq INTO Monocoque sockets with default HWMs. The
 * issue's reproduction first: a libzmq REQ sending 1 MiB to a Monocoque REP had its connection closed ("exceeds the
 * limit of 524280"); it must get its reply.
 */
@RequiresLibzmq
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeInboundLibzmqTest
{
    private static final int TIMEOUT_MS = 20_000;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @ParameterizedTest(name = "{0} from libzmq {1}, {2} bytes")
    @CsvSource({
        "REP, REQ, 1048576",
        "REP, REQ, 16777216",
        "PULL, PUSH, 1048576",
        "PULL, PUSH, 16777216",
        "DEALER, DEALER, 16777216",
        "PAIR, PAIR, 16777216",
    })
    void shouldReceiveALargeMessageFromLibzmqWithDefaultHwms(
        final SocketType type, final String libzmqType, final int size)
    {
        final Socket socket = context.socket(type);
        socket.rcvTimeoutMs(TIMEOUT_MS).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        final boolean client = "REQ".equals(libzmqType) || "DEALER".equals(libzmqType) || "PAIR".equals(libzmqType);
        final List<String> args = new ArrayList<>(List.of("--type", libzmqType,
            "--mode", client ? "client" : "source", "--timeout-ms", Integer.toString(TIMEOUT_MS),
            "--gen", "2", "--size", Integer.toString(size), "--connect", socket.bind("tcp://127.0.0.1:0")));
        final LibzmqPeer peer = resources.closeAfterTest(LibzmqPeer.start(args));

        final List<byte[][]> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++)
        {
            final byte[][] received = socket.recvMultipart();
            assertNotNull(received, "message " + i + " did not arrive");
            assertTrue(Arrays.equals(LibzmqPeer.generated(i, size), received[0]), "message " + i + " intact");
            if (client)
            {
                // A small reply: sending large messages is the outbound side's work (LargeOutbound*).
                final byte[] reply = ("ok " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(socket.send(reply), "reply " + i);
                replies.add(new byte[][]{reply});
            }
        }
        if (client)
        {
            peer.expectReceived(replies);
        }
        peer.expectDone(2);
    }
}
