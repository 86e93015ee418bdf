package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DEALER inbound into a small (4 KiB) receive ring, through real connections: what one read brought goes into the
 * ring in batches; when the ring is full the connection holds the rest (TCP back-pressure) and delivers it, once
 * and in order, as the application makes room (messages no record can hold: LargeInboundDeliveryTest).
 */
class BatchDeliveryTest
{
    private static final int SMALL_RING = 4096;

    private final PatternFixture socket = new PatternFixture(SocketType.DEALER, SMALL_RING);

    @AfterEach
    void close()
    {
        socket.close();
    }

    @Test
    void shouldBatchWhatOneReadBroughtIntoFewRecords()
    {
        final PatternFixture.Peer peer = socket.connect(SocketType.ROUTER);
        peer.remote.message("one").message("two", "frames").message("three");

        peer.connection.onReadable();

        final List<PatternFixture.Received> records = socket.received();
        assertEquals(1, records.size());
        assertEquals(peer.id(), records.get(0).peerId());
        assertEquals(List.of(List.of("one"), List.of("two", "frames"), List.of("three")), records.get(0).messages());
    }

    @Test
    void shouldHoldBackWhatTheFullRingCannotTakeAndDeliverEverythingOnceInOrder()
    {
        final PatternFixture.Peer peer = socket.connect(SocketType.ROUTER);
        final int count = 60; // 60 x 100 bytes: well over what the 4 KiB ring holds
        final List<List<String>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final String body = String.format("%03d", i) + "x".repeat(95);
            sent.add(List.of(body));
            peer.remote.message(body);
        }

        peer.connection.onReadable();
        assertTrue(peer.connection.isInboundBlocked(), "the ring filled up");
        final List<List<String>> delivered = new ArrayList<>();
        int rounds = 0;
        while (delivered.size() < count && rounds++ < count)
        {
            for (final PatternFixture.Received record : socket.received()) // the application reads
            {
                assertEquals(peer.id(), record.peerId());
                delivered.addAll(record.messages());
            }
            peer.connection.retryBlockedInbound(); // the agent's cycle: retry what is held, then read more
            peer.connection.onReadable();
        }

        assertEquals(count, delivered.size(), "messages delivered");
        assertEquals(sent, delivered);
        assertTrue(rounds > 1, "it took the application several reads");
        assertTrue(peer.connection.isActive());
        assertEquals(0, socket.status.droppedMessages());
    }
}
