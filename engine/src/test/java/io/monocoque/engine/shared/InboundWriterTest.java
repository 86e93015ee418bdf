package io.monocoque.engine.shared;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.session.ScriptedPeer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive ring's producer, over a real 4 KiB Agrona ring (records of at most 512 bytes): a batch of messages is
 * one record with the peer id; a batch the ring has no room for is given back whole and leaves the ring as it was; a
 * message larger than the free space opens no batch; single deliveries put the routing-id frame, with MORE set, in
 * front, and fragment messages no record can hold (see LargeInboundWriterTest).
 */
class InboundWriterTest
{
    private static final int RING = 4096;
    /** Ring payload of the filler records: with Agrona's 8-byte header, each takes exactly 64 bytes. */
    private static final int FILLER_PAYLOAD = 56;
    private static final int FILLER_RECORD = 64;

    private final OneToOneRingBuffer ring = Rings.allocate(RING);
    private final InboundWriter writer = new InboundWriter(ring);

    @AfterEach
    void free()
    {
        Rings.free(ring);
    }

    @Test
    void shouldWriteABatchOfSeveralMessagesAsOneRecordWithThePeerId()
    {
        final byte[] one = ScriptedPeer.encode("one");
        final byte[] two = ScriptedPeer.encode("two", "parts");
        final byte[] three = ScriptedPeer.encode("three");
        final UnsafeBuffer read = readBuffer(7, one, two, three); // a read buffer with 7 bytes consumed before

        assertTrue(writer.addToBatch(read, 7, one.length));
        assertTrue(writer.addToBatch(read, 7 + one.length, two.length));
        assertTrue(writer.addToBatch(read, 7 + one.length + two.length, three.length));
        assertTrue(writer.hasOpenBatch());
        assertEquals(0, ring.size(), "nothing is written before the batch ends");

        assertEquals(0, writer.endBatch(42));

        assertFalse(writer.hasOpenBatch());
        final List<Record> records = drain();
        assertEquals(1, records.size(), "one record for the whole batch");
        assertEquals(42, records.get(0).peerId);
        assertEquals(List.of(List.of("one"), List.of("two", "parts"), List.of("three")), records.get(0).messages);
    }

    @Test
    void aBlockedConnectionNeedNotRetryUntilTheReaderHasMadeRoomSinceTheRefusal()
    {
        assertTrue(writer.mayHaveRoom(), "nothing refused yet");
        fill(RING / FILLER_RECORD - 2); // 128 bytes left
        final byte[] large = ScriptedPeer.encode("l".repeat(200));
        final UnsafeBuffer read = readBuffer(0, large);
        assertFalse(writer.addToBatch(read, 0, large.length), "no room for it");
        assertFalse(writer.mayHaveRoom(), "refused for room, and the reader has not moved");
        assertEquals(InboundWriter.RING_FULL, writer.deliver(1, null, read, 0, large.length));
        assertFalse(writer.mayHaveRoom());

        ring.read((type, buffer, index, length) ->
        {
        }, 1); // the reader takes one record
        assertTrue(writer.mayHaveRoom(), "the reader moved: a retry may succeed");
    }

    @Test
    void shouldWriteNothingWhenNoBatchIsOpen()
    {
        assertFalse(writer.hasOpenBatch());

        assertEquals(0, writer.endBatch(1));

        assertEquals(0, ring.size());
    }

    @Test
    void shouldRefuseAMessageThatWouldMakeTheBatchLargerThanARecordAndKeepTheBatchOpen()
    {
        final byte[] message = ScriptedPeer.encode("m".repeat(198)); // 200 bytes: a 512-byte record holds two
        final UnsafeBuffer read = readBuffer(0, message, message, message);

        assertTrue(writer.addToBatch(read, 0, message.length));
        assertTrue(writer.addToBatch(read, message.length, message.length));
        assertFalse(writer.addToBatch(read, 2 * message.length, message.length));
        assertTrue(writer.hasOpenBatch());
        assertEquals(0, writer.endBatch(5));

        assertTrue(writer.addToBatch(read, 2 * message.length, message.length), "it opens the next batch");
        assertEquals(0, writer.endBatch(5));
        final List<Record> records = drain();
        assertEquals(2, records.size());
        assertEquals(2, records.get(0).messages.size());
        assertEquals(1, records.get(1).messages.size());
    }

    @Test
    void shouldGiveBackTheWholeBatchAndLeaveTheRingUnchangedWhenTheRingHasNoRoomForIt()
    {
        // 62 records up to 128 bytes before the end of the ring; the reader has taken the first 3 (192 bytes). The
        // free space (320 bytes) admits a 200-byte batch, but its record fits neither the 128 bytes before the
        // ring's end nor the 192 bytes freed at its start.
        fill(62);
        assertEquals(3, ring.read((type, buffer, index, length) -> { }, 3));
        final byte[] message = ScriptedPeer.encode("b".repeat(98)); // 100 bytes
        final UnsafeBuffer read = readBuffer(0, message, message);

        assertTrue(writer.addToBatch(read, 0, message.length));
        assertTrue(writer.addToBatch(read, message.length, message.length));
        assertEquals(2 * message.length, writer.endBatch(9), "the whole batch is given back");

        assertFalse(writer.hasOpenBatch());
        // Agrona pads the ring's end even when the claim fails (the tail moves to the start), but the application
        // finds only what was there before: no part of the batch.
        final List<Record> before = drain();
        assertEquals(59, before.size());
        for (final Record record : before)
        {
            assertEquals(-1, record.peerId, "a filler");
        }

        // With the ring read, the batch offered again goes in whole.
        assertTrue(writer.addToBatch(read, 0, message.length));
        assertTrue(writer.addToBatch(read, message.length, message.length));
        assertEquals(0, writer.endBatch(9));
        final List<Record> after = drain();
        assertEquals(1, after.size());
        assertEquals(9, after.get(0).peerId);
        assertEquals(List.of(List.of("b".repeat(98)), List.of("b".repeat(98))), after.get(0).messages);
    }

    @Test
    void shouldRefuseToOpenABatchForAMessageLargerThanTheFreeSpace()
    {
        fill(RING / FILLER_RECORD - 2); // 128 bytes left
        final long tailBefore = ring.producerPosition();
        final byte[] tooLarge = ScriptedPeer.encode("t".repeat(98)); // 100 bytes
        final byte[] fits = ScriptedPeer.encode("f".repeat(78)); // 80 bytes
        final UnsafeBuffer read = readBuffer(0, tooLarge, fits);

        assertFalse(writer.addToBatch(read, 0, tooLarge.length));
        assertFalse(writer.hasOpenBatch());
        assertEquals(0, writer.endBatch(3));
        assertEquals(tailBefore, ring.producerPosition());

        assertTrue(writer.addToBatch(read, tooLarge.length, fits.length));
        assertEquals(0, writer.endBatch(3), "what the batch admitted, the ring takes");
    }

    @Test
    void shouldDeliverARoutingIdFrameWithMoreSetInFrontOfTheMessage()
    {
        final byte[] message = ScriptedPeer.encode("hello", "world");

        assertEquals(InboundWriter.DELIVERED,
            writer.deliver(11, "ID-1".getBytes(), new UnsafeBuffer(message), 0, message.length));

        final List<Record> records = drain();
        assertEquals(1, records.size());
        final Record record = records.get(0);
        assertEquals(11, record.peerId);
        assertEquals(FrameDescriptor.FLAG_MORE, record.frames[0], "prefix frame: MORE, not a command");
        assertEquals(4, record.frames[1]);
        assertEquals(List.of(List.of("ID-1", "hello", "world")), record.messages, "one message: prefix then frames");
    }

    @Test
    void shouldDeliverTheMessageAloneWithoutAPrefix()
    {
        final byte[] message = ScriptedPeer.encode("reply");

        assertEquals(InboundWriter.DELIVERED, writer.deliver(12, null, new UnsafeBuffer(message), 0, message.length));

        final Record record = drain().get(0);
        assertEquals(12, record.peerId);
        assertEquals(message.length, record.frames.length);
        assertEquals(List.of(List.of("reply")), record.messages);
    }

    @Test
    void shouldWriteAMessageAtTheRecordLimitAsOneRecordAndALargerOneAsFragments()
    {
        final int largest = Rings.maxRecordLength(RING) - MessageRecord.FRAMES_OFFSET;
        assertEquals(largest, writer.maxMessageLength(0));
        final byte[] atLimit = ScriptedPeer.encode("a".repeat(largest - FrameDescriptor.LONG_HEADER_LENGTH));
        final byte[] overLimit = ScriptedPeer.encode("a".repeat(largest - FrameDescriptor.LONG_HEADER_LENGTH + 1));
        assertEquals(largest, atLimit.length);

        assertEquals(InboundWriter.DELIVERED, writer.deliver(1, null, new UnsafeBuffer(atLimit), 0, atLimit.length));
        assertEquals(1, drain().size());
        assertEquals(InboundWriter.DELIVERED,
            writer.deliver(1, null, new UnsafeBuffer(overLimit), 0, overLimit.length));
        assertEquals(List.of(-1L, -1L), drain().stream().map(record -> record.peerId).toList(), "two fragments");
    }

    @Test
    void shouldCountThePrefixFrameAgainstTheRecordLimit()
    {
        final byte[] prefix = "ID-1".getBytes();
        final int largest = writer.maxMessageLength(FrameDescriptor.frameLength(prefix.length));
        final byte[] atLimit = ScriptedPeer.encode("a".repeat(largest - FrameDescriptor.LONG_HEADER_LENGTH));
        final byte[] overLimit = ScriptedPeer.encode("a".repeat(largest - FrameDescriptor.LONG_HEADER_LENGTH + 1));

        assertEquals(InboundWriter.DELIVERED, writer.deliver(1, prefix, new UnsafeBuffer(atLimit), 0, atLimit.length));
        assertEquals(1, drain().size());
        assertEquals(InboundWriter.DELIVERED,
            writer.deliver(1, prefix, new UnsafeBuffer(overLimit), 0, overLimit.length));
        assertEquals(2, drain().size(), "two fragments");
    }

    @Test
    void shouldReportRingFullUntilTheApplicationReads()
    {
        final int fillers = fillToTheBrim();
        final byte[] message = ScriptedPeer.encode("waits");

        assertEquals(InboundWriter.RING_FULL, writer.deliver(2, null, new UnsafeBuffer(message), 0, message.length));
        assertEquals(fillers, drain().size(), "only the fillers");

        assertEquals(InboundWriter.DELIVERED, writer.deliver(2, null, new UnsafeBuffer(message), 0, message.length));
    }

    /** Write filler records of exactly 64 ring bytes each. */
    private void fill(final int records)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[FILLER_PAYLOAD]);
        for (int i = 0; i < records; i++)
        {
            assertTrue(ring.write(MessageRecord.MSG_TYPE_SUBSCRIPTION, payload, 0, FILLER_PAYLOAD), "filler " + i);
        }
        assertEquals(records * FILLER_RECORD, ring.size());
    }

    /** Write fillers, then empty records, until the ring takes no record at all. */
    private int fillToTheBrim()
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[FILLER_PAYLOAD]);
        int written = 0;
        for (final int length : new int[]{FILLER_PAYLOAD, 0})
        {
            while (ring.write(MessageRecord.MSG_TYPE_SUBSCRIPTION, payload, 0, length))
            {
                written++;
            }
        }
        return written;
    }

    private static UnsafeBuffer readBuffer(final int before, final byte[]... messages)
    {
        int length = before;
        for (final byte[] message : messages)
        {
            length += message.length;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        int position = before;
        for (final byte[] message : messages)
        {
            buffer.putBytes(position, message);
            position += message.length;
        }
        return buffer;
    }

    private List<Record> drain()
    {
        final List<Record> records = new ArrayList<>();
        ring.read((type, buffer, index, length) ->
        {
            if (type == MessageRecord.MSG_TYPE_MESSAGE)
            {
                final byte[] frames = new byte[length - MessageRecord.FRAMES_OFFSET];
                buffer.getBytes(index + MessageRecord.FRAMES_OFFSET, frames);
                records.add(new Record(buffer.getLong(index + MessageRecord.PEER_ID_OFFSET), frames));
            }
            else
            {
                records.add(new Record(-1, new byte[0]));
            }
        });
        return records;
    }

    /** A record read back from the ring: its peer id and frames (fillers have peer id -1). */
    private static final class Record
    {
        final long peerId;
        final byte[] frames;
        final List<List<String>> messages;

        Record(final long peerId, final byte[] frames)
        {
            this.peerId = peerId;
            this.frames = frames;
            this.messages = ScriptedPeer.decode(new UnsafeBuffer(frames), 0, frames.length);
        }
    }
}
