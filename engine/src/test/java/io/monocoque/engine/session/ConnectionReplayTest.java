package io.monocoque.engine.session;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.EndpointConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a connection sends again when it starts a new session after its channel died (a connected endpoint
 * reconnecting): the message the kernel took only part of, whole, and the messages it took none of; never a message
 * it took whole, and never a command (a PONG belongs to the old session). Each session runs over its own in-memory
 * channel, whose send buffer the test fills to cut the stream where it wants.
 */
class ConnectionReplayTest
{
    private static final long NOW_NS = 1_000_000_000L;
    private static final int BUFFER = 4096;
    private static final String BODY = "x".repeat(90);

    private final RecordingOwner owner = new RecordingOwner(SocketType.PUSH);
    private final Connection connection = new Connection(owner, EndpointConfig.defaults(SocketType.PUSH),
        "tcp://127.0.0.1:5555", BUFFER, BUFFER, new StagingBuffer(BUFFER));
    private final ScriptedPeer first = new ScriptedPeer();
    private final ScriptedPeer second = new ScriptedPeer();

    @BeforeEach
    void startFirstSession()
    {
        connection.start(first.channel(), 1, NOW_NS);
        first.handshake(connection, "PULL", new byte[0]);
        connection.flush(); // greeting and READY
        assertTrue(connection.isActive(), connection.closeReason());
    }

    @AfterEach
    void free()
    {
        connection.close("test over");
        connection.free();
    }

    @Test
    void shouldSendAgainWholeTheMessageTheKernelTookPartOfAndThoseAfterIt()
    {
        final byte[] one = stage("one", BODY);
        stage("two", BODY);
        stage("three", BODY);
        first.channel().sendRoom(one.length + 10); // all of "one", ten bytes of "two"
        connection.flush();
        assertEquals(List.of(List.of("one", BODY)), first.receivedMessages());

        resetByPeer();
        restart();

        assertEquals(List.of(List.of("two", BODY), List.of("three", BODY)), second.receivedMessages());
    }

    @Test
    void shouldNotSendAgainAMessageTheKernelTookWhole()
    {
        final byte[] one = stage("one", BODY);
        final byte[] two = stage("two", BODY);
        stage("three", BODY);
        first.channel().sendRoom(one.length + two.length); // the cut falls exactly between "two" and "three"
        connection.flush();
        assertEquals(List.of(List.of("one", BODY), List.of("two", BODY)), first.receivedMessages());

        resetByPeer();
        restart();

        assertEquals(List.of(List.of("three", BODY)), second.receivedMessages());
    }

    @Test
    void shouldSendNothingAgainWhenTheKernelTookEverything()
    {
        stage("one", BODY);
        stage("two", BODY);
        connection.flush();

        peerCloses(); // nothing is pending, so no write notices: the read does
        restart();

        assertEquals(List.of(), second.receivedMessages());
        assertEquals(List.of("READY"), second.receivedCommandNames());
    }

    @Test
    void shouldNotReplayAPongTheKernelTookPartOf()
    {
        first.ping("ctx-1");
        connection.onReadable(); // stages the PONG
        stage("after the ping", BODY);
        first.channel().sendRoom(3); // three bytes of the PONG
        connection.flush();

        peerCloses();
        restart();

        assertEquals(List.of("READY"), second.receivedCommandNames(), "no PONG for a PING of the old session");
        assertEquals(List.of(List.of("after the ping", BODY)), second.receivedMessages());
    }

    @Test
    void shouldNotReplayAPongTheKernelTookNoneOf()
    {
        stage("before the ping", BODY);
        first.ping("ctx-2");
        connection.onReadable();
        first.channel().sendRoom(0);
        connection.flush();

        resetByPeer();
        restart();

        assertEquals(List.of("READY"), second.receivedCommandNames());
        assertEquals(List.of(List.of("before the ping", BODY)), second.receivedMessages());
    }

    @Test
    void shouldAnswerAPingWithAPongEchoingItsContext()
    {
        first.ping("ctx-3");
        connection.onReadable();
        connection.flush();

        final List<ScriptedPeer.Command> commands = first.receivedCommands();
        assertEquals(List.of("READY", "PONG"), first.receivedCommandNames());
        assertEquals("ctx-3", new String(commands.get(1).data(), StandardCharsets.US_ASCII));
    }

    @Test
    void shouldNotAnswerOnTheNewSessionAPingThatFoundNoRoomOnTheOldOne()
    {
        // Fill the staging buffer so the PONG cannot be staged and waits for the next flush.
        final String body = "z".repeat(BUFFER - 20);
        stage("full", body);
        first.channel().sendRoom(0);
        first.ping("old");
        connection.onReadable();

        resetByPeer();
        restart();
        connection.flush(); // a PONG still waiting for room would be staged and written now

        assertEquals(List.of("READY"), second.receivedCommandNames(), "the old session's PING goes unanswered");
        assertEquals(List.of(List.of("full", body)), second.receivedMessages());
    }

    @Test
    void shouldDeliverEveryMessageWholeOnceAcrossARestartWhereverTheKernelCutTheStream()
    {
        final List<List<String>> messages = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < 16; i++)
        {
            final int size = 7 * ((i * 5) % 12); // 0 to 77 bytes, in no order
            final List<String> message = i % 3 == 0 ? List.of("m" + i, "y".repeat(size)) : List.of("z".repeat(size));
            messages.add(message);
            total += ScriptedPeer.encode(message.toArray(new String[0])).length;
        }

        for (int cut = 0; cut <= total; cut++)
        {
            final RecordingOwner owner = new RecordingOwner(SocketType.PUSH);
            final Connection connection = new Connection(owner, EndpointConfig.defaults(SocketType.PUSH),
                "tcp://127.0.0.1:5555", BUFFER, BUFFER, new StagingBuffer(256)); // small: it compacts as it goes
            final ScriptedPeer before = new ScriptedPeer();
            final ScriptedPeer after = new ScriptedPeer();
            try
            {
                connection.start(before.channel(), 1, NOW_NS);
                before.handshake(connection, "PULL", new byte[0]);
                connection.flush();
                before.channel().maxBytesPerWrite(37).sendRoom(cut);

                int next = stageWhatFits(connection, messages, 0);
                while (connection.flush() > 0) // until the kernel takes no more
                {
                    next = stageWhatFits(connection, messages, next);
                }
                before.channel().failWritesWith(new IOException("Connection reset by peer"));
                connection.flush();
                if (connection.isActive())
                {
                    before.channel().endOfStream();
                    connection.onReadable();
                }

                connection.start(after.channel(), 2, NOW_NS);
                after.handshake(connection, "PULL", new byte[0]);
                while (next < messages.size() || connection.staging().hasPending())
                {
                    connection.flush();
                    next = stageWhatFits(connection, messages, next);
                }

                final List<List<String>> delivered = new ArrayList<>(before.receivedMessages());
                delivered.addAll(after.receivedMessages());
                assertEquals(messages, delivered, "stream cut after " + cut + " of " + total + " bytes");
            }
            finally
            {
                connection.close("test over");
                connection.free();
            }
        }
    }

    /** Stage messages from {@code next} on while they fit, as the router does; returns the first not staged. */
    private static int stageWhatFits(final Connection connection, final List<List<String>> messages, final int next)
    {
        int index = next;
        while (index < messages.size())
        {
            final byte[] encoded = ScriptedPeer.encode(messages.get(index).toArray(new String[0]));
            if (!connection.canStage(encoded.length))
            {
                break;
            }
            connection.stage(new UnsafeBuffer(encoded), 0, encoded.length);
            index++;
        }
        return index;
    }

    /** Stage a message on the connection as the socket's router does, after canStage. */
    private byte[] stage(final String... frames)
    {
        final byte[] encoded = ScriptedPeer.encode(frames);
        assertTrue(connection.canStage(encoded.length));
        connection.stage(new UnsafeBuffer(encoded), 0, encoded.length);
        return encoded;
    }

    private void resetByPeer()
    {
        first.channel().failWritesWith(new IOException("Connection reset by peer"));
        assertEquals(-1, connection.flush());
        assertEquals("write failed: Connection reset by peer", connection.closeReason());
    }

    private void peerCloses()
    {
        first.channel().endOfStream();
        assertEquals(-1, connection.onReadable());
        assertEquals(Connection.PEER_CLOSED, connection.closeReason());
    }

    /** The connector's next channel: a new session, handshaken and flushed. */
    private void restart()
    {
        connection.start(second.channel(), 2, NOW_NS);
        second.handshake(connection, "PULL", new byte[0]);
        assertTrue(connection.isActive(), connection.closeReason());
        connection.flush();
    }
}
