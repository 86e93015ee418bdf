package io.monocoque.engine.session;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.Rings;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A connection's read buffer starts at the size it is given and still receives every message the owner's ring
 * accepts: one larger than the buffer makes it grow, and messages of the largest size a small ring accepts pass
 * through the quarter-of-the-ring buffer a small-HWM socket gets without growing it. Two connections (PUSH and
 * PULL) talk over a loopback TCP pair, driven by this thread as the engine agent would drive them.
 */
class ConnectionReadBufferTest
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int LARGE_RING_BYTES = 4 * 1024 * 1024;

    private final List<byte[]> received = new ArrayList<>();
    private ServerSocketChannel server;
    private SocketChannel pushChannel;
    private SocketChannel pullChannel;
    private Connection push;
    private Connection pull;

    @BeforeEach
    void openChannels() throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pushChannel = SocketChannel.open(server.getLocalAddress());
        pullChannel = server.accept();
        pushChannel.configureBlocking(false);
        pullChannel.configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException
    {
        for (final Connection connection : new Connection[]{push, pull})
        {
            if (connection != null)
            {
                connection.close("test over");
                connection.free();
            }
        }
        pushChannel.close();
        pullChannel.close();
        server.close();
    }

    @Test
    void shouldGrowTheReadBufferForAMessageLargerThanItsStartingCapacity()
    {
        final int maxRecord = Rings.maxRecordLength(LARGE_RING_BYTES) - MessageRecord.FRAMES_OFFSET;
        connect(ConnectionBufferSizing.COMMAND_BUFFER_CAPACITY, ConnectionBufferSizing.COMMAND_BUFFER_CAPACITY,
            maxRecord);
        assertEquals(ConnectionBufferSizing.COMMAND_BUFFER_CAPACITY, pull.readBufferCapacity());

        final byte[] message = encodedMessage(100 * 1024);
        send(message);
        pumpUntil("the large message to arrive", () -> received.size() == 1);

        assertArrayEquals(message, received.get(0));
        assertTrue(pull.readBufferCapacity() >= message.length, "grown to " + pull.readBufferCapacity());
        assertTrue(pull.isActive());
    }

    @Test
    void shouldReceiveTheLargestMessagesOfASmallRingWithoutGrowingTheReadBuffer()
    {
        final int ring = Rings.effectiveCapacity(64 * 1024);
        final int maxRecord = Rings.maxRecordLength(ring) - MessageRecord.FRAMES_OFFSET;
        final int readBuffer = ConnectionBufferSizing.readBufferCapacity(SocketType.PULL, ring);
        connect(ConnectionBufferSizing.stagingCapacity(SocketType.PUSH, ring), readBuffer, maxRecord);

        final int count = 20;
        final List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final byte[] message = encodedMessage(maxRecord - FrameDescriptor.LONG_HEADER_LENGTH);
            assertEquals(maxRecord, message.length, "the largest message the ring accepts");
            message[message.length - 1] = (byte)i;
            sent.add(message);
            pumpUntil("room to stage message " + i, () -> push.canStage(message.length));
            send(message);
        }
        pumpUntil(count + " messages to arrive", () -> received.size() == count);

        for (int i = 0; i < count; i++)
        {
            assertArrayEquals(sent.get(i), received.get(i), "message " + i);
        }
        assertEquals(readBuffer, pull.readBufferCapacity(), "two largest messages fit: no growth");
        assertTrue(pull.isActive());
    }

    private void connect(final int pushStagingCapacity, final int pullReadBufferCapacity, final int pullMaxRecord)
    {
        final int command = ConnectionBufferSizing.COMMAND_BUFFER_CAPACITY;
        push = new Connection(new Owner(SocketType.PUSH), EndpointConfig.defaults(SocketType.PUSH), "test",
            pullMaxRecord, command, new StagingBuffer(pushStagingCapacity));
        pull = new Connection(new Owner(SocketType.PULL), EndpointConfig.defaults(SocketType.PULL), "test",
            pullMaxRecord, pullReadBufferCapacity, new StagingBuffer(command));
        push.start(pushChannel, 1, System.nanoTime());
        pull.start(pullChannel, 2, System.nanoTime());
        pumpUntil("the handshake", () -> push.isActive() && pull.isActive());
    }

    /** Stage one encoded message on the PUSH side (as the socket engine does after canStage). */
    private void send(final byte[] message)
    {
        assertTrue(push.canStage(message.length));
        push.stage(new UnsafeBuffer(message), 0, message.length);
    }

    private static byte[] encodedMessage(final int bodyLength)
    {
        final byte[] body = new byte[bodyLength];
        for (int i = 0; i < bodyLength; i++)
        {
            body[i] = (byte)(i * 31);
        }
        final byte[] encoded = new byte[FrameDescriptor.frameLength(bodyLength)];
        FrameEncoder.encodeFrame(new UnsafeBuffer(encoded), 0, false, body, 0, bodyLength);
        return encoded;
    }

    private void pumpUntil(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean())
        {
            push.flush();
            pull.flush();
            push.onReadable();
            pull.onReadable();
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for " + what + "; push " + push.state() + " " + push.closeReason() +
                    ", pull " + pull.state() + " " + pull.closeReason() + ", received " + received.size());
            }
        }
    }

    /** The socket side of a connection: keeps every message it is given. */
    private final class Owner implements ConnectionOwner
    {
        private final SocketType type;

        Owner(final SocketType type)
        {
            this.type = type;
        }

        @Override
        public SocketType socketType()
        {
            return type;
        }

        @Override
        public String onConnectionReady(final Connection connection)
        {
            return null;
        }

        @Override
        public boolean onMessage(
            final Connection connection,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int frameCount)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            received.add(copy);
            return true;
        }

        @Override
        public boolean hasOpenBatch()
        {
            return false;
        }

        @Override
        public int endBatch(final Connection connection)
        {
            return 0;
        }

        @Override
        public boolean onSubscription(
            final Connection connection,
            final boolean subscribe,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            return true;
        }

        @Override
        public void onConnectionLost(final Connection connection)
        {
        }
    }
}
