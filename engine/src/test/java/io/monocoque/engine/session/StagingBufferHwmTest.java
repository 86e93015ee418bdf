package io.monocoque.engine.session;

import io.monocoque.engine.net.Transport;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A staging buffer that is a PUB subscriber's high-water mark admits exactly what the HWM has room for, however
 * the unsent bytes lie in memory; and staging several messages at once never grows a buffer.
 */
class StagingBufferHwmTest
{
    private static final int HWM = 64 * 1024;
    private static final int BODY = 200;
    private static final int FRAME = 2 + BODY; // short header: flags, size
    private static final int SMALL_SOCKET_BUFFER = 16 * 1024;

    @Test
    void shouldAdmitMessagesWhileTheUnsentBytesStayWithinTheHwm()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(HWM, HWM);
        int staged = 0;
        while (staging.ensureRoom(FRAME))
        {
            stageFrame(staging);
            staged += FRAME;
        }

        assertEquals(HWM / FRAME * FRAME, staged, "filled to the HWM, not to the memory behind it");
        staging.free();
    }

    @Test
    void shouldAdmitWhatTheHwmHasRoomForAfterPartialWritesWithoutRefusingForContiguousSpace() throws Exception
    {
        try (ServerSocketChannel server = ServerSocketChannel.open();
            SocketChannel client = SocketChannel.open())
        {
            server.setOption(StandardSocketOptions.SO_RCVBUF, SMALL_SOCKET_BUFFER);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_SOCKET_BUFFER);
            client.connect(server.getLocalAddress());
            try (SocketChannel peer = server.accept())
            {
                client.configureBlocking(false);
                peer.configureBlocking(false);
                final Transport transport = new Transport(1);
                transport.open(client);
                final StagingBuffer staging = StagingBuffer.withPeerHwm(HWM, HWM);
                final ByteBuffer sink = ByteBuffer.allocateDirect(HWM);
                // Many rounds of: fill to the HWM, let the kernel take some. Each time, the unsent bytes plus one
                // frame within the HWM must be admitted wherever they lie in the buffer.
                for (int round = 0; round < 200; round++)
                {
                    while (staging.pending() + FRAME <= HWM)
                    {
                        assertTrue(staging.ensureRoom(FRAME), "round " + round + ": " + staging.pending() +
                            " bytes unsent, HWM " + HWM);
                        stageFrame(staging);
                    }
                    assertFalse(staging.ensureRoom(FRAME), "over the HWM");
                    sink.clear();
                    peer.read(sink);
                    staging.writeTo(transport);
                }
                staging.free();
            }
        }
    }

    @Test
    void shouldLetOnlyASingleMessageLargerThanTheHwmInWhileEmpty()
    {
        final StagingBuffer staging = StagingBuffer.withPeerHwm(4096, 4096);

        assertFalse(staging.hasRoom(10_000), "several messages at once never grow the buffer");
        assertTrue(staging.ensureRoom(10_000), "one larger message may, while nothing is staged");
        staging.commit(10_000);
        assertFalse(staging.ensureRoom(FRAME), "and then the HWM is exceeded until it is written");
        staging.free();
    }

    @Test
    void shouldNeverGrowABatchingBufferForSeveralMessagesAtOnce()
    {
        final StagingBuffer staging = new StagingBuffer(4096);

        assertFalse(staging.hasRoom(8192));
        assertEquals(4096, staging.capacity());
        assertTrue(staging.ensureRoom(8192));
        assertEquals(8192, staging.capacity());
        staging.free();
    }

    private static void stageFrame(final StagingBuffer staging)
    {
        staging.buffer().putByte(staging.fill(), (byte)0);
        staging.buffer().putByte(staging.fill() + 1, (byte)BODY);
        staging.commit(FRAME);
    }
}
