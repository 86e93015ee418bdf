package io.monocoque.engine.shared;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.session.ScriptedPeer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages larger than a record, over a real 4 KiB Agrona ring (records of at most 512 bytes): they are written as
 * begin, middle and end fragments holding the whole encoding (ROUTER's prefix frame included) cut anywhere; a ring
 * that fills part-way keeps the progress and the same message offered again resumes; while one is in progress other
 * peers' deliveries and batches are refused so the fragments stay consecutive, until it ends or is abandoned.
 */
class LargeInboundWriterTest
{
    private static final int RING = 4096;
    private static final int RECORD = Rings.maxRecordLength(RING);

    private final OneToOneRingBuffer ring = Rings.allocate(RING);
    private final InboundWriter writer = new InboundWriter(ring);

    @AfterEach
    void free()
    {
        Rings.free(ring);
    }

    @Test
    void shouldWriteAMessageLargerThanARecordAsBeginMiddleAndEndFragments()
    {
        final byte[] message = ScriptedPeer.encode("x".repeat(1500), "y".repeat(100));

        assertEquals(InboundWriter.DELIVERED, writer.deliver(7, null, new UnsafeBuffer(message), 0, message.length));

        assertFalse(writer.isFragmenting());
        final List<Fragment> fragments = drain();
        assertEquals(MessageRecord.MSG_TYPE_FRAGMENT_BEGIN, fragments.get(0).type);
        assertEquals(message.length, fragments.get(0).total, "the begin carries the whole encoded length");
        for (int i = 1; i < fragments.size() - 1; i++)
        {
            assertEquals(MessageRecord.MSG_TYPE_FRAGMENT_MIDDLE, fragments.get(i).type);
        }
        assertEquals(MessageRecord.MSG_TYPE_FRAGMENT_END, fragments.get(fragments.size() - 1).type);
        assertTrue(fragments.stream().allMatch(fragment -> fragment.peerId == 7));
        assertTrue(fragments.stream().allMatch(fragment -> fragment.recordLength <= RECORD));
        assertArrayEquals(message, join(fragments));
    }

    @Test
    void shouldPutTheRoutingIdFrameInFrontOfTheFragmentedMessageAndCountItInTheTotal()
    {
        final byte[] prefix = "ID-1".getBytes();
        final byte[] message = ScriptedPeer.encode("z".repeat(2000));

        assertEquals(InboundWriter.DELIVERED,
            writer.deliver(3, prefix, new UnsafeBuffer(message), 0, message.length));

        final List<Fragment> fragments = drain();
        final byte[] whole = join(fragments);
        assertEquals(FrameDescriptor.frameLength(prefix.length) + message.length, fragments.get(0).total);
        assertEquals(List.of(List.of("ID-1", "z".repeat(2000))),
            ScriptedPeer.decode(new UnsafeBuffer(whole), 0, whole.length));
    }

    @Test
    void shouldResumeAPartlyWrittenMessageWhereItStoppedOnceTheRingHasRoom()
    {
        final byte[] message = ScriptedPeer.encode("r".repeat(6000)); // larger than the ring itself
        final UnsafeBuffer read = new UnsafeBuffer(message);
        final List<Fragment> fragments = new ArrayList<>();

        int offers = 0;
        int result = InboundWriter.RING_FULL;
        while (result == InboundWriter.RING_FULL)
        {
            result = writer.deliver(5, null, read, 0, message.length);
            offers++;
            assertEquals(result == InboundWriter.RING_FULL, writer.isFragmenting());
            fragments.addAll(drain());
        }

        assertTrue(offers > 1, "the ring filled part-way");
        assertEquals(1, fragments.stream().filter(f -> f.type == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN).count());
        assertArrayEquals(message, join(fragments));
    }

    @Test
    void shouldRefuseOtherPeersWhileAFragmentedMessageIsInProgressAndLetThemOnItsEnd()
    {
        final byte[] large = ScriptedPeer.encode("l".repeat(6000));
        final byte[] small = ScriptedPeer.encode("small");
        final UnsafeBuffer smallBuffer = new UnsafeBuffer(small);
        assertEquals(InboundWriter.RING_FULL, writer.deliver(1, null, new UnsafeBuffer(large), 0, large.length));
        drain(); // the application makes room

        assertEquals(InboundWriter.RING_FULL, writer.deliver(2, null, smallBuffer, 0, small.length),
            "another peer's message would land between the fragments");
        assertFalse(writer.addToBatch(smallBuffer, 0, small.length), "nor may a batch");
        assertFalse(writer.hasOpenBatch());

        while (writer.deliver(1, null, new UnsafeBuffer(large), 0, large.length) == InboundWriter.RING_FULL)
        {
            drain();
        }
        drain();
        assertEquals(InboundWriter.DELIVERED, writer.deliver(2, null, smallBuffer, 0, small.length));
        assertTrue(writer.addToBatch(smallBuffer, 0, small.length));
    }

    @Test
    void shouldLetOtherPeersDeliverOnceTheFragmentedMessageIsAbandoned()
    {
        final byte[] large = ScriptedPeer.encode("l".repeat(6000));
        final byte[] small = ScriptedPeer.encode("small");
        assertEquals(InboundWriter.RING_FULL, writer.deliver(1, null, new UnsafeBuffer(large), 0, large.length));
        drain();

        writer.abandon(2); // not the one in progress: nothing changes
        assertTrue(writer.isFragmenting());
        writer.abandon(1); // its connection closed

        assertFalse(writer.isFragmenting());
        assertEquals(InboundWriter.DELIVERED, writer.deliver(2, null, new UnsafeBuffer(small), 0, small.length));
        final List<Fragment> after = drain();
        assertEquals(1, after.size());
        assertEquals(MessageRecord.MSG_TYPE_MESSAGE, after.get(0).type, "the reader drops the partial one here");
    }

    @Test
    void shouldStartAgainWithABeginWhenTheSamePeerOffersAMessageOfAnotherLength()
    {
        final byte[] first = ScriptedPeer.encode("a".repeat(6000));
        final byte[] second = ScriptedPeer.encode("b".repeat(1000));
        assertEquals(InboundWriter.RING_FULL, writer.deliver(1, null, new UnsafeBuffer(first), 0, first.length));
        drain();

        assertEquals(InboundWriter.DELIVERED, writer.deliver(1, null, new UnsafeBuffer(second), 0, second.length));

        final List<Fragment> fragments = drain();
        assertEquals(MessageRecord.MSG_TYPE_FRAGMENT_BEGIN, fragments.get(0).type);
        assertArrayEquals(second, join(fragments));
    }

    private List<Fragment> drain()
    {
        final List<Fragment> fragments = new ArrayList<>();
        while (ring.size() > 0) // a read stops where the ring wraps
        {
            ring.read((type, buffer, index, length) ->
            {
                final boolean begin = type == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN;
                final int header = begin ? MessageRecord.BEGIN_FRAMES_OFFSET : MessageRecord.FRAMES_OFFSET;
                final byte[] bytes = new byte[length - header];
                buffer.getBytes(index + header, bytes);
                fragments.add(new Fragment(type, buffer.getLong(index + MessageRecord.PEER_ID_OFFSET),
                    begin ? buffer.getLong(index + MessageRecord.TOTAL_LENGTH_OFFSET) : -1, length, bytes));
            });
        }
        return fragments;
    }

    private static byte[] join(final List<Fragment> fragments)
    {
        final ByteArrayOutputStream whole = new ByteArrayOutputStream();
        fragments.forEach(fragment -> whole.writeBytes(fragment.bytes));
        final byte[] bytes = whole.toByteArray();
        assertEquals(fragments.get(0).total, bytes.length, Arrays.toString(fragments.stream().map(f -> f.type)
            .toArray()));
        return bytes;
    }

    /** A fragment record read back from the ring. */
    private record Fragment(int type, long peerId, long total, int recordLength, byte[] bytes)
    {
    }
}
