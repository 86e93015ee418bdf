package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.testing.TestResources;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.monocoque.api.pubsub.PubSubSupport.syncSubscription;
import static io.monocoque.api.testing.TestMessages.recv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PUB encodes an {@code offer} of a buffer or of byte arrays, and a blocking {@code send} of byte arrays, straight
 * into its fan-out ring (one copy of the caller's bytes): every frame arrives as given, short and long headers, the
 * topic filter reads the first frame as before, and a message too large for one slot of the ring still goes whole as
 * fragments through the encoded path.
 */
class PubDirectOfferTest
{
    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    private static byte[] text(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] topicAnd(final String topic, final int size)
    {
        final byte[] body = new byte[topic.length() + size];
        System.arraycopy(text(topic), 0, body, 0, topic.length());
        for (int i = topic.length(); i < body.length; i++)
        {
            body[i] = (byte)(i * 7);
        }
        return body;
    }

    @Test
    void directOffersArriveAsGivenAndTheTopicFilterStillApplies()
    {
        final PubSocket pub = PubSubSupport.pub(context);
        pub.pubRingBytes(1 << 20); // 128 KiB slots
        final String endpoint = pub.bind("tcp://127.0.0.1:0");
        final SubSocket sub = PubSubSupport.subscriber(context, endpoint, "a.", "probe");
        syncSubscription(pub, sub, "probe");

        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(70_000));
        for (final int size : new int[]{0, 10, 253, 254, 1000, 60_000})
        {
            final byte[] wanted = topicAnd("a.", size);
            final byte[] skipped = topicAnd("b.", size);
            direct.putBytes(0, skipped);
            while (pub.offer(direct, 0, skipped.length) <= 0)
            {
                Thread.yield();
            }
            direct.putBytes(0, wanted);
            while (pub.offer(direct, 0, wanted.length) <= 0)
            {
                Thread.yield();
            }
            final byte[][] frames = {wanted, new byte[0], topicAnd("x", size)};
            assertTrue(pub.send(frames));
            assertArrayEquals(wanted, recv(sub)[0], "a single frame of " + size + " bytes, filtered by topic");
            final byte[][] multipart = recv(sub);
            assertEquals(3, multipart.length);
            for (int i = 0; i < 3; i++)
            {
                assertArrayEquals(frames[i], multipart[i], "frame " + i + " around " + size);
            }
        }

        final byte[] large = topicAnd("a.", 300_000); // over one slot: fragments, through the encoded path
        assertTrue(pub.send(large, text("tail")));
        final Message received = new Message();
        assertTrue(sub.recv(received));
        assertArrayEquals(large, received.frame(0));
        assertArrayEquals(text("tail"), received.frame(1));
        assertEquals(0, pub.droppedMessages());
    }
}
