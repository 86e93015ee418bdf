package io.monocoque.api.interop.jeromq;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.JeroMqConnect;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages far larger than a send-ring record (and than the 4 MiB default HWM), sent BY Monocoque to JeroMQ 0.6
 * with default HWMs: a large single frame and a multipart message of large frames, for every point-to-point
 * sending type (ROUTER addressed), Monocoque binding, JeroMQ checking every byte.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeOutboundJeroMqTest
{
    private static final int TIMEOUT_MS = 20_000;
    private static final int MIB = 1024 * 1024;
    private static final byte[] JEROMQ_ID = "jeromq".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();
    private final ZContext jeromq = resources.closeAfterTest(new ZContext());

    @ParameterizedTest(name = "Monocoque {0} to JeroMQ {1}, {2} bytes")
    @CsvSource({
        "PUSH, PULL, 1048576",
        "PUSH, PULL, 16777216",
        "DEALER, DEALER, 16777216",
        "PAIR, PAIR, 16777216",
        "REQ, REP, 16777216",
        "ROUTER, DEALER, 16777216",
    })
    void shouldSendLargeMessagesToJeroMqWithDefaultHwms(
        final SocketType type, final org.zeromq.SocketType peerType, final int size)
    {
        final Socket socket = context.socket(type);
        socket.rcvTimeoutMs(TIMEOUT_MS).sndTimeoutMs(TIMEOUT_MS).lingerMs(0);
        final String endpoint = socket.bind("tcp://127.0.0.1:0");
        final ZMQ.Socket peer = jeromq.createSocket(peerType);
        peer.setReceiveTimeOut(TIMEOUT_MS);
        peer.setLinger(0);
        peer.setIdentity(JEROMQ_ID);
        JeroMqConnect.connect(jeromq, peer, endpoint, socket, TIMEOUT_MS);
        if (type == SocketType.ROUTER)
        {
            assertTrue(peer.send("hello")); // so the ROUTER has a peer to address; it reads the routing id
            assertArrayEquals(JEROMQ_ID, socket.recvMultipart()[0]);
        }

        for (final byte[][] message : List.of(new byte[][]{body(size, 1)},
            new byte[][]{"header".getBytes(StandardCharsets.UTF_8), body(3 * MIB, 2), body(5 * MIB + 7, 3)}))
        {
            assertTrue(type == SocketType.ROUTER ? socket.send(prepend(JEROMQ_ID, message)) : socket.send(message));
            final ZMsg received = ZMsg.recvMsg(peer);
            assertNotNull(received, "JeroMQ received it");
            assertEquals(message.length, received.size(), "frames");
            for (final byte[] frame : message)
            {
                assertArrayEquals(frame, received.pop().getData());
            }
            if (type == SocketType.REQ)
            {
                assertTrue(peer.send("ok"));
                assertEquals("ok", socket.recvString());
            }
        }
    }

    private static byte[][] prepend(final byte[] first, final byte[][] rest)
    {
        final byte[][] all = new byte[rest.length + 1][];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static byte[] body(final int size, final int seed)
    {
        final byte[] body = new byte[size];
        for (int i = 0; i < size; i++)
        {
            body[i] = (byte)(i * 7 + seed + (i >>> 12));
        }
        return body;
    }
}
