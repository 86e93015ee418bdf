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
 * offered as one record) goes to the kernel straight from where it lies, not through the staging buffer, and
 * consecutive ones go in one gathering write; what the kernel does not take is staged from the start of the message
 * it took only part of, with the records after it. Across a reconnect every message then arrives whole exactly once,
 * wherever the kernel cut the stream: none the kernel took whole is sent again, the one it took part of is sent again
 * whole. Smaller records are still copied, and a large one waits until the bytes staged ahead of it are written.
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
            session.connection.stageFromRing(record, 0, record.capacity());
            assertTrue(session.before.receivedMessages().isEmpty(), "gathered, not written before writeGathered");
            session.connection.writeGathered();
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
            session.connection.stageFromRing(direct, 0, small.length);
            assertEquals(small.length, session.connection.staging().pending(), "a small record is copied");

            final List<List<String>> messages = messages();
            final UnsafeBuffer record = record(messages, new ArrayList<>());
            assertFalse(session.connection.canStage(record.capacity()),
                "behind staged bytes a large record waits (in the ring), so the order holds");
            session.before.channel().sendRoom(Integer.MAX_VALUE);
            session.connection.flush();
            assertTrue(session.connection.canStage(record.capacity()));
            session.connection.stageFromRing(record, 0, record.capacity());
            session.connection.writeGathered();
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
    void consecutiveLargeRecordsGoOutInOneGatheringWrite()
    {
        final List<List<String>> messages = messages();
        final UnsafeBuffer ring = ring(messages, 3, new ArrayList<>(), new ArrayList<>());
        final int length = ring.capacity() / 3;
        final Session session = new Session();
        try
        {
            final int writesBefore = session.before.channel().writeCalls();
            for (int i = 0; i < 3; i++)
            {
                assertTrue(session.connection.canStage(length));
                session.connection.stageFromRing(ring, i * length, length);
            }
            session.connection.writeGathered();
            assertEquals(1, session.before.channel().writeCalls() - writesBefore, "one write for three records");
            assertTrue(session.connection.staging().isEmpty());
            final List<List<String>> expected = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                expected.addAll(messages);
            }
            assertEquals(expected, session.before.receivedMessages());
        }
        finally
        {
            session.free();
        }
    }

    @Test
    void aSmallRecordAfterGatheredOnesIsWrittenAfterThem()
    {
        final List<List<String>> messages = messages();
        final UnsafeBuffer record = record(messages, new ArrayList<>());
        final byte[] small = ScriptedPeer.encode("small");
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(small.length));
        direct.putBytes(0, small);
        final Session session = new Session();
        try
        {
            session.before.channel().sendRoom(100); // the kernel takes only the start of the gathered record
            assertTrue(session.connection.canStage(record.capacity()));
            session.connection.stageFromRing(record, 0, record.capacity());
            assertTrue(session.connection.canStage(small.length));
            session.connection.stageFromRing(direct, 0, small.length);
            session.before.channel().sendRoom(Integer.MAX_VALUE);
            while (session.connection.staging().hasPending())
            {
                session.connection.flush();
            }
            final List<List<String>> expected = new ArrayList<>(messages);
            expected.add(List.of("small"));
            assertEquals(expected, session.before.receivedMessages(), "the small record waits behind the large one");
        }
        finally
        {
            session.free();
        }
    }

    @Test
    void everyMessageOfDirectlyWrittenRecordsArrivesWholeOnceAcrossAReconnectWhereverTheKernelCutIt()
    {
        final List<List<String>> messages = messages();
        final List<Integer> boundaries = new ArrayList<>();
        final List<Integer> recordStarts = new ArrayList<>();
        final int records = 3;
        final UnsafeBuffer ring = ring(messages, records, boundaries, recordStarts);
        final int total = ring.capacity();
        final int length = total / records;
        final TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, total / 2, total - 1, total));
        for (int i = 0; i < boundaries.size(); i += 37)
        {
            final int boundary = boundaries.get(i);
            cuts.add(boundary - 1);
            cuts.add(boundary);
            cuts.add(boundary + 1);
        }
        for (final int start : recordStarts)
        {
            cuts.add(start - 1);
            cuts.add(start);
            cuts.add(start + 1);
        }
        cuts.removeIf(cut -> cut < 0 || cut > total);
        final List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < records; i++)
        {
            expected.addAll(messages);
        }
        for (final int cut : cuts)
        {
            final Session session = new Session();
            try
            {
                session.before.channel().sendRoom(cut);
                for (int i = 0; i < records; i++)
                {
                    assertTrue(session.connection.canStage(length));
                    session.connection.stageFromRing(ring, i * length, length);
                }
                session.connection.writeGathered();
                final int kept = session.connection.staging().pending();
                assertTrue(kept >= total - cut && kept <= total, "what the kernel left, cut " + cut + ": " + kept);

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
                assertEquals(expected, delivered, "stream cut after " + cut + " of " + total + " bytes");
            }
            finally
            {
                session.free();
            }
        }
    }

    /**
     * {@code records} copies of the messages' record back to back in off-heap memory, as consecutive records' bodies
     * in a send ring (here without ring headers between them), noting every message boundary and record start.
     */
    private static UnsafeBuffer ring(
        final List<List<String>> messages, final int records, final List<Integer> boundaries,
        final List<Integer> recordStarts)
    {
        final List<Integer> oneRecord = new ArrayList<>();
        final UnsafeBuffer record = record(messages, oneRecord);
        final int length = record.capacity();
        final ByteBuffer memory = ByteBuffer.allocateDirect(length * records);
        final UnsafeBuffer ring = new UnsafeBuffer(memory, 0, length * records);
        for (int i = 0; i < records; i++)
        {
            ring.putBytes(i * length, record, 0, length);
            recordStarts.add(i * length);
            for (final int boundary : oneRecord)
            {
                boundaries.add(i * length + boundary);
            }
        }
        return ring;
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
