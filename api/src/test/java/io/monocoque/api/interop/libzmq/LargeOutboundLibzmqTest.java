package io.monocoque.api.interop.libzmq;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages far larger than a send-ring record (and larger than the 4 MiB default HWM), sent BY Monocoque to libzmq
 * peers with default HWMs: single large frames and a multipart message of large frames, for every socket type that
 * sends point to point, Monocoque binding; the libzmq peer checks each message by digest.
 */
@RequiresLibzmq
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LargeOutboundLibzmqTest
{
    private static final int TIMEOUT_MS = 30_000;
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @ParameterizedTest(name = "Monocoque {0} to libzmq {1}, {2} bytes")
    @CsvSource({
        "PUSH, PULL, 1048576",
        "PUSH, PULL, 16777216",
        "DEALER, DEALER, 16777216",
        "PAIR, PAIR, 16777216",
        "REQ, REP, 1048576",
        "REQ, REP, 16777216",
    })
    void shouldSendLargeMessagesToLibzmqWithDefaultHwms(final SocketType type, final String peerType, final int size)
    {
        final Socket socket = open(type);
        final boolean echo = "REP".equals(peerType);
        final List<byte[][]> messages = List.of(
            new byte[][]{LibzmqPeer.generated(0, size)},
            new byte[][]{utf8("header"), LibzmqPeer.generated(1, 3 * MIB), LibzmqPeer.generated(2, 5 * MIB + 7)});
        final LibzmqPeer peer = resources.closeAfterTest(LibzmqPeer.start(List.of("--type", peerType,
            "--mode", echo ? "echo" : "sink", "--count", Integer.toString(messages.size()),
            "--timeout-ms", Integer.toString(TIMEOUT_MS), "--connect", socket.bind("tcp://127.0.0.1:0"))));

        for (final byte[][] message : messages)
        {
            assertTrue(socket.send(message), "sent");
            if (echo)
            {
                final byte[][] reply = socket.recvMultipart();
                assertNotNull(reply, "the echo came back");
                assertTrue(Arrays.deepEquals(message, reply), "the echo is the request, intact");
            }
        }
        peer.expectReceived(messages);
        peer.expectDone(messages.size());
    }

    @Test
    void shouldSendLargeRepliesFromARouterToALibzmqDealer()
    {
        final Socket router = open(SocketType.ROUTER);
        final int requests = 3;
        final LibzmqPeer dealer = resources.closeAfterTest(LibzmqPeer.start(List.of("--type", "DEALER",
            "--mode", "client", "--gen", Integer.toString(requests), "--size", "64", "--identity", "6c69627a6d71",
            "--timeout-ms", Integer.toString(TIMEOUT_MS), "--connect", router.bind("tcp://127.0.0.1:0"))));
        final List<byte[][]> replies = new ArrayList<>();
        for (int i = 0; i < requests; i++)
        {
            final byte[][] request = router.recvMultipart();
            assertNotNull(request, "request " + i);
            final byte[] reply = LibzmqPeer.generated(10 + i, 9 * MIB + i);
            assertTrue(router.send(request[0], reply));
            replies.add(new byte[][]{reply});
        }
        dealer.expectReceived(replies);
        dealer.expectDone(requests);
    }

    @Tag("soak")
    @Test
    void shouldSendA256MibFrameToLibzmq()
    {
        final Socket push = open(SocketType.PUSH);
        final byte[][] message = {LibzmqPeer.generated(0, 256 * MIB)};
        final LibzmqPeer pull = resources.closeAfterTest(LibzmqPeer.start(List.of("--type", "PULL",
            "--mode", "sink", "--count", "1", "--timeout-ms", "120000", "--max-seconds", "180",
            "--connect", push.bind("tcp://127.0.0.1:0"))));
        assertTrue(push.send(message));
        pull.expectReceived(List.<byte[][]>of(message));
        pull.expectDone(1);
    }

    private Socket open(final SocketType type)
    {
        final Socket socket = context.socket(type);
        socket.rcvTimeoutMs(TIMEOUT_MS).sndTimeoutMs(TIMEOUT_MS).lingerMs(TIMEOUT_MS);
        return socket;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
