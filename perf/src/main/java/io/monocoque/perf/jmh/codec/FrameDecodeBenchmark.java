package io.monocoque.perf.jmh.codec;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Cost of finding a ZMTP message in received bytes with {@link FrameDecoder#decode} and walking its frames with a
 * {@link FrameCursor}, every frame's body view (offset, length, MORE flag) going to a {@link Blackhole}.
 * <ul>
 *     <li>{@link #decodeOne}: the input holds one message; one decode call per operation.</li>
 *     <li>{@link #decodeBatch}: the input holds {@value #BATCH} messages back to back, as one socket read would;
 *     one decode call hands out all of them; the time is per message.</li>
 * </ul>
 * The handler is a field, created once. The decoder keeps no state between calls that matters here (its stream
 * position only labels errors), so it is reset per iteration only, to keep that position small. Expected
 * allocation: 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class FrameDecodeBenchmark
{
    /** Messages in the {@link #decodeBatch} input. */
    public static final int BATCH = 64;

    /** Message shape, see {@link MessageShape}. */
    @Param({"SINGLE_64B", "SINGLE_1KIB", "ENVELOPE_5_0_64"})
    public MessageShape shape;

    private final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
    private CursorHandler handler;
    private UnsafeBuffer one;
    private int oneLength;
    private UnsafeBuffer batch;
    private int batchLength;

    /**
     * Encode the inputs and check that they decode as expected.
     *
     * @param blackhole receives the decoded views.
     */
    @Setup
    public void setup(final Blackhole blackhole)
    {
        handler = new CursorHandler(blackhole);
        final UnsafeBuffer bodies = MessageShape.allocate(shape.bodyLength());
        shape.fillBodies(bodies);

        one = MessageShape.allocate(shape.encodedLength());
        oneLength = shape.encode(one, 0, bodies);

        batch = MessageShape.allocate(shape.encodedLength() * BATCH);
        for (int i = 0; i < BATCH; i++)
        {
            batchLength += shape.encode(batch, batchLength, bodies);
        }

        checkDecodes(one, oneLength, 1);
        checkDecodes(batch, batchLength, BATCH);
    }

    private void checkDecodes(final UnsafeBuffer buffer, final int length, final int messages)
    {
        handler.messages = 0;
        handler.frames = 0;
        final int consumed = decoder.decode(buffer, 0, length, handler);
        if (consumed != length || handler.messages != messages || handler.frames != messages * shape.frameCount())
        {
            throw new IllegalStateException(shape + ": consumed " + consumed + " of " + length + " bytes, " +
                handler.messages + " messages, " + handler.frames + " frames");
        }
    }

    /** Start each iteration at stream position 0. */
    @Setup(Level.Iteration)
    public void resetDecoder()
    {
        decoder.reset(0);
    }

    /**
     * Decode one message.
     *
     * @return bytes consumed, consumed by JMH.
     */
    @Benchmark
    public int decodeOne()
    {
        return decoder.decode(one, 0, oneLength, handler);
    }

    /**
     * Decode {@value #BATCH} messages in one call.
     *
     * @return bytes consumed, consumed by JMH.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decodeBatch()
    {
        return decoder.decode(batch, 0, batchLength, handler);
    }

    /**
     * Walks each message's frames with one reusable cursor.
     */
    static final class CursorHandler implements FrameHandler
    {
        private final Blackhole blackhole;
        private final FrameCursor cursor = new FrameCursor();
        int messages;
        int frames;

        CursorHandler(final Blackhole blackhole)
        {
            this.blackhole = blackhole;
        }

        @Override
        public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
        {
            final FrameCursor cursor = this.cursor.wrap(buffer, offset, length);
            while (cursor.next())
            {
                blackhole.consume(cursor.bodyOffset());
                blackhole.consume(cursor.bodyLength());
                blackhole.consume(cursor.hasMore());
                frames++;
            }
            messages++;
            return true;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            throw new IllegalStateException("no commands in this benchmark");
        }
    }
}
