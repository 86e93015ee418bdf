package io.monocoque.perf.jmh.codec;

import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost of writing one ZMTP message with {@link FrameEncoder#encodeFrame}: headers plus body copies from a
 * preallocated off-heap source into a preallocated off-heap destination, one message per operation, always at the
 * same offset (as an encoder writing into a fresh send buffer would). Expected allocation: 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class FrameEncodeBenchmark
{
    /** Message shape, see {@link MessageShape}. */
    @Param({"SINGLE_64B", "SINGLE_1KIB", "ENVELOPE_5_0_64"})
    public MessageShape shape;

    private UnsafeBuffer source;
    private UnsafeBuffer destination;
    private int[] bodyOffsets;
    private int[] bodyLengths;
    private int lastFrame;

    /** Allocate and fill the buffers. */
    @Setup
    public void setup()
    {
        bodyLengths = shape.frameLengths();
        bodyOffsets = new int[bodyLengths.length];
        for (int i = 1; i < bodyLengths.length; i++)
        {
            bodyOffsets[i] = bodyOffsets[i - 1] + bodyLengths[i - 1];
        }
        lastFrame = bodyLengths.length - 1;
        source = MessageShape.allocate(shape.bodyLength());
        shape.fillBodies(source);
        destination = MessageShape.allocate(shape.encodedLength());
        if (encode() != shape.encodedLength())
        {
            throw new IllegalStateException("encoded length mismatch for " + shape);
        }
    }

    /**
     * Encode one message.
     *
     * @return the encoded length, consumed by JMH.
     */
    @Benchmark
    public int encode()
    {
        final UnsafeBuffer destination = this.destination;
        final UnsafeBuffer source = this.source;
        final int[] bodyOffsets = this.bodyOffsets;
        final int[] bodyLengths = this.bodyLengths;
        final int lastFrame = this.lastFrame;
        int position = 0;
        for (int i = 0; i <= lastFrame; i++)
        {
            position += FrameEncoder.encodeFrame(destination, position, i < lastFrame, source, bodyOffsets[i],
                bodyLengths[i]);
        }
        return position;
    }
}
