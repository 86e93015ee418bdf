package io.monocoque.api.interop.jeromq;

import io.monocoque.api.interop.jeromq.JeroMqInterop.Link;
import io.monocoque.api.interop.jeromq.JeroMqInterop.Pattern;
import io.monocoque.api.interop.jeromq.JeroMqInterop.Scenario;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

import static io.monocoque.api.interop.jeromq.JeroMqInterop.BIG_HWM_BYTES;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.assertFrames;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.bytes;
import static io.monocoque.api.interop.jeromq.JeroMqInterop.frames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Monocoque against JeroMQ 0.6.0 in the same JVM, for REQ-REP, DEALER-ROUTER, DEALER-DEALER, PUSH-PULL and
 * PAIR-PAIR, with Monocoque on either side of each pair and either library binding (20 scenarios). Each test sends
 * from the pattern's first type to its second ("forward") and, where the pattern allows, back ("backward"), and
 * checks the exact frames that arrive.
 */
@Timeout(60)
class JeroMqPatternInteropTest
{
    /** One-way messages of the ordering test (per direction). */
    private static final int MESSAGES = 10_000;
    /**
     * Round trips of the ordering test for REQ-REP (each a request and a reply, in lock-step): 2,000 rather than
     * 10,000, since with the default backoff idle strategies a round trip takes about 0.5-1 ms on this machine and
     * 10,000 took 5-10 s per scenario.
     */
    private static final int ROUND_TRIPS = 2_000;
    private static final int ONE_MIB = 1024 * 1024;

    static List<Scenario> scenarios()
    {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeliverSingleFrameMessagesBothWays(final Scenario scenario)
    {
        try (Link link = Link.open(scenario))
        {
            for (int i = 0; i < 5; i++)
            {
                link.forward(frames("request-" + i));
                if (scenario.pattern().bidirectional)
                {
                    link.backward(frames("reply-" + i));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeliverMultipartMessagesFrameByFrame(final Scenario scenario)
    {
        try (Link link = Link.open(scenario))
        {
            link.forward(frames("one", "two", "three"));
            if (scenario.pattern().bidirectional)
            {
                link.backward(frames("alpha", "beta", "gamma", "delta"));
            }
            link.forward(frames("x", "yy"));
            if (scenario.pattern().bidirectional)
            {
                link.backward(frames("zzz", "w"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldPreserveEmptyFrameInTheMiddleOfMessage(final Scenario scenario)
    {
        try (Link link = Link.open(scenario))
        {
            link.forward(frames("head", "", "tail"));
            if (scenario.pattern().bidirectional)
            {
                link.backward(frames("reply-head", "", "reply-tail"));
            }
            link.forward(frames("a", "", "", "b"));
            if (scenario.pattern().bidirectional)
            {
                link.backward(frames("", "c", ""));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeliverMessageThatIsOneEmptyFrame(final Scenario scenario)
    {
        try (Link link = Link.open(scenario))
        {
            link.forward(new byte[0]);
            if (scenario.pattern().bidirectional)
            {
                link.backward(new byte[0]);
            }
            // and the link still works afterwards
            link.forward(frames("after"));
            if (scenario.pattern().bidirectional)
            {
                link.backward(frames("after-reply"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeliverOneMebibyteMessage(final Scenario scenario)
    {
        try (Link link = Link.open(scenario, socket -> socket.sndHwmBytes(BIG_HWM_BYTES).rcvHwmBytes(BIG_HWM_BYTES)))
        {
            final byte[] request = randomBytes(ONE_MIB, 42);
            link.forward(request);
            if (scenario.pattern().bidirectional)
            {
                final byte[] reply = randomBytes(ONE_MIB, 43);
                link.backward(reply);
            }
            link.forward(frames("small-after-big"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeliverManyMessagesInOrder(final Scenario scenario)
    {
        try (Link link = Link.open(scenario))
        {
            if (scenario.pattern() == Pattern.REQ_REP)
            {
                for (int seq = 0; seq < ROUND_TRIPS; seq++)
                {
                    link.sendForward(sequenced("request", seq));
                    assertSequenced("request", seq, link.receiveForward());
                    link.sendBackward(sequenced("reply", seq));
                    assertSequenced("reply", seq, link.receiveBackward());
                }
                return;
            }

            // All sent, then all received: both sides' queues hold 10,000 small messages.
            for (int seq = 0; seq < MESSAGES; seq++)
            {
                link.sendForward(sequenced("forward", seq));
            }
            for (int seq = 0; seq < MESSAGES; seq++)
            {
                assertSequenced("forward", seq, link.receiveForward());
            }
            if (scenario.pattern().bidirectional)
            {
                for (int seq = 0; seq < MESSAGES; seq++)
                {
                    link.sendBackward(sequenced("backward", seq));
                }
                for (int seq = 0; seq < MESSAGES; seq++)
                {
                    assertSequenced("backward", seq, link.receiveBackward());
                }
            }
        }
    }

    private static byte[][] sequenced(final String label, final int seq)
    {
        return new byte[][]{ByteBuffer.allocate(Integer.BYTES).putInt(seq).array(), bytes(label + "-" + seq)};
    }

    private static void assertSequenced(final String label, final int expectedSeq, final byte[][] received)
    {
        assertEquals(2, received.length, "frames of message " + expectedSeq);
        assertEquals(expectedSeq, ByteBuffer.wrap(received[0]).getInt(), "sequence number out of order");
        assertArrayEquals(bytes(label + "-" + expectedSeq), received[1], "body of message " + expectedSeq);
        assertFrames(sequenced(label, expectedSeq), received);
    }

    private static byte[] randomBytes(final int length, final long seed)
    {
        final byte[] data = new byte[length];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)random.nextInt(256);
        }
        return data;
    }
}
