package io.monocoque.perf.jmh.codec;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The messages the codec benchmarks encode and decode, named by the {@code shape} JMH parameter.
 */
public enum MessageShape
{
    /** One 64-byte frame (short header). */
    SINGLE_64B(64),
    /** One 1 KiB frame (long header: 9 bytes). */
    SINGLE_1KIB(1024),
    /** A ROUTER/DEALER envelope: 5-byte routing id, empty delimiter, 64-byte body (all short headers). */
    ENVELOPE_5_0_64(5, 0, 64);

    /** Alignment of the off-heap buffers, one cache line. */
    static final int ALIGNMENT = 64;

    private final int[] frameLengths;

    MessageShape(final int... frameLengths)
    {
        this.frameLengths = frameLengths;
    }

    /**
     * Body lengths of the frames, in order.
     *
     * @return a copy of the lengths.
     */
    int[] frameLengths()
    {
        return frameLengths.clone();
    }

    /**
     * Number of frames.
     *
     * @return frames per message.
     */
    int frameCount()
    {
        return frameLengths.length;
    }

    /**
     * Total body bytes.
     *
     * @return the sum of the frame lengths.
     */
    int bodyLength()
    {
        int total = 0;
        for (final int length : frameLengths)
        {
            total += length;
        }
        return total;
    }

    /**
     * ZMTP-encoded length of the message, headers included.
     *
     * @return encoded bytes.
     */
    int encodedLength()
    {
        int total = 0;
        for (final int length : frameLengths)
        {
            total += FrameDescriptor.frameLength(length);
        }
        return total;
    }

    /**
     * Off-heap, cache-line aligned buffer.
     *
     * @param capacity bytes.
     * @return a new buffer.
     */
    static UnsafeBuffer allocate(final int capacity)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            Math.max(ALIGNMENT, (capacity + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT), ALIGNMENT));
    }

    /**
     * Fill a buffer with the bodies of this shape back to back, each byte a recognisable pattern.
     *
     * @param bodies destination, at least {@link #bodyLength()} bytes.
     */
    void fillBodies(final MutableDirectBuffer bodies)
    {
        for (int i = 0, n = bodyLength(); i < n; i++)
        {
            bodies.putByte(i, (byte)('a' + i % 26));
        }
    }

    /**
     * Encode one message of this shape with {@link FrameEncoder}.
     *
     * @param buffer destination.
     * @param offset where the first frame header goes.
     * @param bodies the bodies back to back, as written by {@link #fillBodies}.
     * @return encoded bytes.
     */
    int encode(final MutableDirectBuffer buffer, final int offset, final UnsafeBuffer bodies)
    {
        int position = offset;
        int bodyOffset = 0;
        for (int i = 0; i < frameLengths.length; i++)
        {
            position += FrameEncoder.encodeFrame(buffer, position, i < frameLengths.length - 1, bodies, bodyOffset,
                frameLengths[i]);
            bodyOffset += frameLengths[i];
        }
        return position - offset;
    }
}
