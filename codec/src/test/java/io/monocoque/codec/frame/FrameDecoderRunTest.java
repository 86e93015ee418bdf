package io.monocoque.codec.frame;

import io.monocoque.codec.MessageTooLargeException;
import io.monocoque.codec.Wire;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler that takes runs of messages gets the same messages, in the same order, as one that takes them singly. */
class FrameDecoderRunTest
{
    private static final byte[] A = wire("00 01 'a'");
    private static final byte[] B = wire("00 02 'bc'");
    private static final byte[] MULTIPART = wire("01 01 'd' 00 02 'ef'");
    private static final byte[] PING = wire("04 07 04 'PING' 00 0A");
    private static final byte[] LONG = concat(wire("02 00 00 00 00 00 00 00 03"), wire("'ghi'"));

    private final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);

    @Test
    void shouldHandConsecutiveMessagesOverAsOneRun()
    {
        final RunHandler handler = new RunHandler(1024);
        final byte[] stream = concat(A, B, MULTIPART, LONG, A);

        final int consumed = decoder.decode(new UnsafeBuffer(stream), 0, stream.length, handler);

        assertEquals(stream.length, consumed);
        assertEquals(List.of("run: " + Wire.hex(stream)), handler.calls);
    }

    @Test
    void shouldEndTheRunBeforeACommandAndStartAnotherAfterIt()
    {
        final RunHandler handler = new RunHandler(1024);
        final byte[] stream = concat(A, B, PING, MULTIPART);

        decoder.decode(new UnsafeBuffer(stream), 0, stream.length, handler);

        assertEquals(List.of(
            "run: " + Wire.hex(concat(A, B)),
            "command: 04 50 49 4e 47 00 0a",
            "run: " + Wire.hex(MULTIPART)), handler.calls);
    }

    @Test
    void shouldSplitRunsAtTheLimitAndHandALargerMessageOverSingly()
    {
        final RunHandler handler = new RunHandler(A.length + B.length);
        final byte[] large = wire("00 06 'uvwxyz'");
        final byte[] stream = concat(A, B, A, large, B);

        decoder.decode(new UnsafeBuffer(stream), 0, stream.length, handler);

        assertEquals(List.of(
            "run: " + Wire.hex(concat(A, B)),
            "run: " + Wire.hex(A),
            "message/1: " + Wire.hex(large),
            "run: " + Wire.hex(B)), handler.calls);
    }

    @Test
    void shouldLeaveARefusedRunUnconsumedAndNotAskForMoreBytes()
    {
        final RunHandler handler = new RunHandler(1024);
        handler.refuseRuns = true;
        final byte[] stream = concat(A, B, wire("00 09 'x'"));
        decoder.reset(64);

        final int consumed = decoder.decode(new UnsafeBuffer(stream), 0, stream.length, handler);

        assertEquals(0, consumed);
        assertEquals(0, decoder.requiredLength(), "stopped by the handler: the messages are whole");
        assertEquals(64, decoder.streamPosition());
    }

    @Test
    void shouldDeliverTheRunBeforeABadFrameAndReportTheBadFramesOffset()
    {
        final RunHandler handler = new RunHandler(1024);
        final byte[] stream = concat(A, B, wire("80 01 'z'"));
        decoder.reset(64);

        final ZmtpProtocolException thrown = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(new UnsafeBuffer(stream), 0, stream.length, handler));

        assertEquals(64 + A.length + B.length, thrown.offset());
        assertEquals(List.of("run: " + Wire.hex(concat(A, B))), handler.calls);
    }

    @Test
    void shouldRefuseAnOversizeShortMessageInsideARun()
    {
        final FrameDecoder limited = new FrameDecoder(2);
        final RunHandler handler = new RunHandler(1024);
        final byte[] stream = concat(A, B, wire("00 03 'xyz'"));

        assertThrows(MessageTooLargeException.class,
            () -> limited.decode(new UnsafeBuffer(stream), 0, stream.length, handler));
        assertEquals(List.of("run: " + Wire.hex(concat(A, B))), handler.calls);
    }

    @Test
    void shouldFindTheSameMessagesInRunsAsSinglyWhereverTheStreamIsCutAndWhateverTheLimit()
    {
        final Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++)
        {
            final byte[] stream = randomStream(random);
            final List<String> single = decodeInPieces(stream, new RunHandler(0), random.nextLong());
            final RunHandler runs = new RunHandler(1 + random.nextInt(600));
            final List<String> fromRuns = decodeInPieces(stream, runs, random.nextLong());
            assertEquals(single, fromRuns, "trial " + trial + " with run limit " + runs.limit);
            assertTrue(runs.largestRun <= runs.limit, "a run over the limit: " + runs.largestRun);
        }
    }

    /** Decode the stream fed in random pieces, as reads would bring it, keeping the unconsumed tail. */
    private static List<String> decodeInPieces(final byte[] stream, final RunHandler handler, final long seed)
    {
        final Random cuts = new Random(seed);
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        int start = 0;
        int available = 0;
        while (start < stream.length)
        {
            available = Math.min(stream.length, available + 1 + cuts.nextInt(200));
            start += decoder.decode(buffer, start, available - start, handler);
        }
        return handler.messages;
    }

    private static byte[] randomStream(final Random random)
    {
        final StreamBuilder builder = new StreamBuilder();
        final int items = 1 + random.nextInt(60);
        for (int i = 0; i < items; i++)
        {
            final int kind = random.nextInt(10);
            if (kind == 0)
            {
                builder.ping(0, new byte[] {(byte)i});
            }
            else if (kind <= 2)
            {
                builder.message(new byte[random.nextInt(4)], new byte[random.nextInt(300)]);
            }
            else
            {
                builder.message(new byte[random.nextInt(kind == 3 ? 400 : 40)]);
            }
        }
        return builder.bytes();
    }

    /** Takes runs of up to {@code limit} bytes (0: none); records every call, and every message found in a run. */
    private static final class RunHandler implements FrameHandler
    {
        final int limit;
        final List<String> calls = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        boolean refuseRuns;
        int largestRun;

        RunHandler(final int limit)
        {
            this.limit = limit;
        }

        @Override
        public int messageRunLimit()
        {
            return limit;
        }

        @Override
        public boolean onMessageRun(final DirectBuffer buffer, final int offset, final int length)
        {
            if (refuseRuns)
            {
                return false;
            }
            calls.add("run: " + Wire.hex(Wire.copy(buffer, offset, length)));
            largestRun = Math.max(largestRun, length);
            int position = offset;
            while (position < offset + length)
            {
                final int message = FrameDescriptor.messageLength(buffer, position);
                messages.add("message: " + Wire.hex(Wire.copy(buffer, position, message)));
                position += message;
            }
            assertEquals(offset + length, position, "a run ends at a message boundary");
            return true;
        }

        @Override
        public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
        {
            calls.add("message/" + frameCount + ": " + Wire.hex(Wire.copy(buffer, offset, length)));
            messages.add("message: " + Wire.hex(Wire.copy(buffer, offset, length)));
            return true;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            calls.add("command: " + Wire.hex(Wire.copy(buffer, offset, length)));
            messages.add("command: " + Wire.hex(Wire.copy(buffer, offset, length)));
            return true;
        }
    }
}
