package io.monocoque.engine.session;

import io.monocoque.engine.net.Transport;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compaction of a staging buffer is amortised: the unsent bytes move to the front only once that frees at least
 * as many as it moves, so a large buffer that is mostly pending is not moved for each few kilobytes the kernel
 * takes (which made a full multi-MiB PUB subscriber buffer cost a multi-MiB copy per partial write).
 */
class StagingBufferCompactionTest
{
    private static final int CAPACITY = 1024 * 1024;
    private static final int BODY = 200;
    private static final int FRAME = 2 + BODY; // short header: flags, size
    private static final int SMALL_SOCKET_BUFFER = 16 * 1024;

    @Test
    void shouldWaitUntilMoreIsWrittenThanWouldMoveBeforeMakingRoom() throws Exception
    {
        try (ServerSocketChannel server = ServerSocketChannel.open();
            SocketChannel client = SocketChannel.open())
        {
            server.setOption(StandardSocketOptions.SO_RCVBUF, SMALL_SOCKET_BUFFER); // inherited by the accepted one
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_SOCKET_BUFFER);
            client.connect(server.getLocalAddress());
            try (SocketChannel peer = server.accept())
            {
                client.configureBlocking(false);
                peer.configureBlocking(false);
                final Transport transport = new Transport(1);
                transport.open(client);
                final StagingBuffer staging = new StagingBuffer(CAPACITY);
                while (staging.ensureRoom(FRAME))
                {
                    staging.buffer().putByte(staging.fill(), (byte)0);
                    staging.buffer().putByte(staging.fill() + 1, (byte)BODY);
                    staging.commit(FRAME);
                }

                final int written = staging.writeTo(transport);
                assertTrue(written > 0 && written < CAPACITY / 2,
                    "the kernel should take part of the buffer with small socket buffers: took " + written);
                assertFalse(staging.ensureRoom(FRAME),
                    "room for one frame would move " + staging.pending() + " bytes to free " + written);

                final ByteBuffer sink = ByteBuffer.allocateDirect(CAPACITY);
                while (staging.pending() > CAPACITY / 2)
                {
                    sink.clear();
                    peer.read(sink);
                    staging.writeTo(transport);
                }
                assertTrue(staging.ensureRoom(FRAME), "once more than half has gone, compaction makes room");
                staging.free();
            }
        }
    }
}
