package io.monocoque.engine.session;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.EndpointConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record of many whole messages at least {@link Connection#DIRECT_WRITE_MIN_BYTES} long (a batch the application
 * offered as one record) goes to the kernel straight from where it lies, not through the staging buffer; what the
 * kernel does not take is staged from the start of the message it took only part of. Across a reconnect every
 * message then arrives whole exactly once, wherever the kernel cut the stream: none the kernel took whole is sent
 * again, the one it took part of is sent again whole. Smaller records are still copied, and a large one waits until
 * the bytes staged ahead of it are written.
 */
class ConnectionDirectWriteTest
{
    private static final long NOW_NS = 1_000_000_000L;
    private static final int BUFFER = 4096;

    /** About 24 KiB of messages of 0 to 120 bytes, a third of them multipart, back to back as one record. */
    private static List<List<String>> messages()
    {
        final List<List<String>> messages = new ArrayList<>();
        for (int i = 0; i < 400; i++)
        {
            final int size = (i * 37) % 121;
            messages.add(i % 3 == 0 ? List.of("m" + i, "y".repeat(size)) : List.of("z".repeat(size)));
        }
        return messages;
    }

    /** The messages encoded one after another in off-heap memory, as in a send-ring record. */
    private static UnsafeBuffer record(final List<List<String>> messages, final List<Integer> boundaries)
    {
        final ByteBuffer memory = ByteBuffer.allocateDirect(64 * 1024);
        int position = 0;
        for (final List<String> message : messages)
        {
            final byte[] encoded = ScriptedPeer.encode(message.toArray(new String[0]));
            memory.put(position, encoded);
            position += encoded.length;
            boundaries.add(position);
        }
        return new UnsafeBuffer(memory, 0, position);
    }

    @Test
    void aLargeRecordTheKernelTakesWholeIsNeverCopied()
    {
        final List<List<String>> messages = messages();
        final UnsafeBuffer record = record(messages, new ArrayList<>());
        assertTrue(record.capacity() >= Connection.DIRECT_WRITE_MIN_BYTES, "the record must take the direct path");
        final Session session = new Session();
        try
        {
            assertTrue(session.connection.canStage(record.capacity()));
            session.connection.stage(record, 0, record.capacity());
            assertTrue(session.connection.staging().isEmpty(), "written from the record, nothing staged");
            assertEquals(messages, session.before.receivedMessages());
        }
        finally
        {
            session.free();
        }
    }

    @Test
    void aSmallRecordIsCopiedAndALargeOneWaitsForTheBytesStagedAheadOfIt()
    {
        final Session session = new Session();
        try
        {
            final byte[] small = ScriptedPeer.encode("small");
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(small.length));
            direct.putBytes(0, small);
            session.before.channel().sendRoom(0);
            assertTrue(session.connection.canStage(small.length));
            session.connection.stage(direct, 0, small.length);
            assertEquals(small.length, session.connection.staging().pending(), "a small record is copied");

            final List<List<String>> messages = messages();
            final UnsafeBuffer record = record(messages, new ArrayList<>());
            assertFalse(session.connection.canStage(record.capacity()),
                "behind staged bytes a large record waits (in the ring), so the order holds");
            session.before.channel().sendRoom(Integer.MAX_VALUE);
            session.connection.flush();
            assertTrue(session.connection.canStage(record.capacity()));
            session.connection.stage(record, 0, record.capacity());
            assertTrue(session.connection.staging().isEmpty(), "once they are written, it goes straight out");
            final List<List<String>> expected = new ArrayList<>(List.of(List.of("small")));
            expected.addAll(messages);
            assertEquals(expected, session.before.receivedMessages());
        }
        finally
        {
            session.free();
        }
    }

    @Test
    void everyMessageOfADirectlyWrittenRecordArrivesWholeOnceAcrossAReconnectWhereverTheKernelCutIt()
    {
        final List<List<String>> messages = messages();
        final List<Integer> boundaries = new ArrayList<>();
        final UnsafeBuffer record = record(messages, boundaries);
        final int total = record.capacity();
        final TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, total / 2, total - 1, total));
        for (int i = 0; i < boundaries.size(); i += 37)
        {
            final int boundary = boundaries.get(i);
            cuts.add(boundary - 1);
            cuts.add(boundary);
            cuts.add(boundary + 1);
        }
        for (final int cut : cuts)
        {
            final Session session = new Session();
            try
            {
                session.before.channel().sendRoom(cut);
                assertTrue(session.connection.canStage(total));
                session.connection.stage(record, 0, total);
                assertEquals(total - cut, session.connection.staging().pending(), "what the kernel left, cut " + cut);

                session.before.channel().failWritesWith(new IOException("Connection reset by peer"));
                session.connection.flush();
                if (session.connection.isActive())
                {
                    session.before.channel().endOfStream();
                    session.connection.onReadable();
                }
                assertFalse(session.connection.isActive());
                session.connection.start(session.after.channel(), 2, NOW_NS);
                session.after.handshake(session.connection, "PULL", new byte[0]);
                while (session.connection.staging().hasPending())
                {
                    session.connection.flush();
                }

                final List<List<String>> delivered = new ArrayList<>(session.before.receivedMessages());
                delivered.addAll(session.after.receivedMessages());
                assertEquals(messages, delivered, "stream cut after " + cut + " of " + total + " bytes");
            }
            finally
            {
                session.free();
            }
        }
    }

    /** A PUSH connection with a small batching staging buffer, in session with a scripted PULL. */
    private static final class Session
    {
        final ScriptedPeer before = new ScriptedPeer();
        final ScriptedPeer after = new ScriptedPeer();
        final Connection connection = new Connection(new RecordingOwner(SocketType.PUSH),
            EndpointConfig.defaults(SocketType.PUSH), "tcp://127.0.0.1:5555", BUFFER, BUFFER, new StagingBuffer(256));

        Session()
        {
            connection.start(before.channel(), 1, NOW_NS);
            before.handshake(connection, "PULL", new byte[0]);
            connection.flush(); // greeting and READY
            assertTrue(connection.isActive(), connection.closeReason());
        }

        void free()
        {
            connection.close("test over");
            connection.free();
        }
    }
}
