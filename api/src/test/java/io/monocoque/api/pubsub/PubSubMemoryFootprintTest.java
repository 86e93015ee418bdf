package io.monocoque.api.pubsub;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.testing.DirectMemory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.pubsub.PubSubSupport.pub;
import static io.monocoque.api.pubsub.PubSubSupport.sub;
import static io.monocoque.api.testing.Await.WAIT_MS;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.Await.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A publisher with many subscribers that asked for small buffers must cost little direct memory per subscriber:
 * the goal is a PUB with 1,000 subscribers and the 1,000 SUB sockets in one JVM under the default 1 GiB of direct
 * memory. This test runs {@value #SUBSCRIBERS} SUB sockets with {@value #HWM_BYTES}-byte HWMs in the publisher's
 * context, all subscribed and all delivered a message, and measures the JVM's "direct" buffer pool (every ring,
 * read, staging and handshake buffer is a direct ByteBuffer) before the first subscriber and after the delivery.
 * <p>
 * What one pair needs at these HWMs: the PUB's session (its staging buffer, whose HWM is the subscriber's 64 KiB,
 * idles at 16 KiB, plus a small read buffer and the 1 KiB handshake buffer) and the SUB socket (two 64 KiB rings, a
 * read buffer of a quarter of its receive ring, a small staging buffer for subscriptions, the handshake buffer):
 * about 172 KiB (220 KiB while the session's staging buffer was a fixed 96 KiB). With every connection's read and
 * staging buffers at a fixed 256 KiB it was about 960 KiB.
 */
class PubSubMemoryFootprintTest
{
    private static final int SUBSCRIBERS = 200;
    private static final long HWM_BYTES = 64 * 1024;
    /** Bound on the direct memory of one PUB session plus one SUB socket with {@link #HWM_BYTES} HWMs. */
    private static final long MAX_DIRECT_BYTES_PER_PAIR = 300 * 1024;
    private static final long PROBE_INTERVAL_MS = 10;
    private static final String PROBE = "probe";
    private static final String PAYLOAD = "payload";

    @Test
    void shouldKeepEachSubscriberWithSmallHwmsUnderThreeHundredKiBOfDirectMemory()
    {
        try (Context context = Context.create())
        {
            final PubSocket pub = pub(context);
            pub.sndHwmBytes(HWM_BYTES);
            final String endpoint = pub.bind("tcp://127.0.0.1:0");
            // The publisher's own rings (and its 4 MiB fan-out ring) exist from here: not part of any pair.
            final long beforeBytes = DirectMemory.used();

            final List<SubSocket> subs = new ArrayList<>(SUBSCRIBERS);
            for (int i = 0; i < SUBSCRIBERS; i++)
            {
                final SubSocket sub = sub(context);
                sub.sndHwmBytes(HWM_BYTES);
                sub.rcvHwmBytes(HWM_BYTES);
                sub.subscribe("");
                sub.connect(endpoint);
                subs.add(sub);
            }
            awaitPeers(pub, SUBSCRIBERS);
            awaitEverySubscriptionApplied(pub, subs);

            pub.send(PAYLOAD);
            for (final SubSocket sub : subs)
            {
                assertEquals(PAYLOAD, receiveSkippingProbes(sub), "every subscriber gets the message");
            }

            final long afterBytes = DirectMemory.used();
            final long perPair = (afterBytes - beforeBytes) / SUBSCRIBERS;
            System.out.printf("PubSubMemoryFootprintTest: %d subscribers, direct memory %,d -> %,d bytes: " +
                "%,d bytes (%.1f KiB) per PUB session + SUB socket%n",
                SUBSCRIBERS, beforeBytes, afterBytes, perPair, perPair / 1024.0);
            assertTrue(perPair < MAX_DIRECT_BYTES_PER_PAIR, "direct memory per PUB session + SUB socket with " +
                HWM_BYTES + "-byte HWMs: " + perPair + " bytes, bound " + MAX_DIRECT_BYTES_PER_PAIR);
        }
    }

    /**
     * Publish probes until every subscriber has received one: a subscription reaches the publisher asynchronously
     * after the handshake, so a message published before it would not be delivered.
     */
    private static void awaitEverySubscriptionApplied(final PubSocket pub, final List<SubSocket> subs)
    {
        final boolean[] probed = new boolean[subs.size()];
        int remaining = subs.size();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (remaining > 0)
        {
            pub.send(PROBE);
            sleep(PROBE_INTERVAL_MS);
            for (int i = 0; i < subs.size(); i++)
            {
                if (!probed[i] && PROBE.equals(receiveNow(subs.get(i))))
                {
                    probed[i] = true;
                    remaining--;
                }
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail(remaining + " of " + subs.size() + " subscribers never received a probe");
            }
        }
    }

    private static String receiveNow(final SubSocket sub)
    {
        final long timeout = sub.rcvTimeoutMs();
        sub.rcvTimeoutMs(0);
        try
        {
            return sub.recvString();
        }
        finally
        {
            sub.rcvTimeoutMs(timeout);
        }
    }

    private static String receiveSkippingProbes(final SubSocket sub)
    {
        String text;
        do
        {
            text = sub.recvString();
        }
        while (PROBE.equals(text));
        return text;
    }
}
