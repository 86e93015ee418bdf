package io.monocoque.api.robustness;

import io.monocoque.api.Message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Self-verifying multipart messages for the soak tests. Message {@code seq} is:
 * <pre>
 *   frame 0:        header, 16 bytes: seq (long), frame count (int), total payload length (int)
 *   frames 1..n:    1..3 payload frames of 0..120 bytes each, lengths and bytes derived from (seed, seq)
 *   last frame:     8 bytes: CRC32 of every preceding frame body, in order
 * </pre>
 * A receiver re-derives the whole expected message from the seq it reads, so it checks every byte of every frame
 * (not only the checksum), the frame count and the frame boundaries. The largest message encodes to well under
 * the 504 bytes a 4 KiB ring holds.
 */
final class IntegrityMessages
{
    static final int HEADER_LENGTH = 16;
    static final int CRC_LENGTH = 8;
    static final int MAX_PAYLOAD_FRAMES = 3;
    static final int MAX_PAYLOAD_FRAME_LENGTH = 120;

    private final long seed;

    IntegrityMessages(final long seed)
    {
        this.seed = seed;
    }

    /** The frames of message {@code seq}. */
    byte[][] frames(final long seq)
    {
        final SplittableRandom random = new SplittableRandom(seed ^ (seq * 0x9E3779B97F4A7C15L));
        final int payloadFrames = 1 + random.nextInt(MAX_PAYLOAD_FRAMES);
        final byte[][] frames = new byte[payloadFrames + 2][];
        int total = 0;
        for (int i = 1; i <= payloadFrames; i++)
        {
            final byte[] body = new byte[random.nextInt(MAX_PAYLOAD_FRAME_LENGTH + 1)];
            for (int j = 0; j < body.length; j++)
            {
                body[j] = (byte)random.nextInt(256);
            }
            frames[i] = body;
            total += body.length;
        }
        frames[0] = ByteBuffer.allocate(HEADER_LENGTH).putLong(seq).putInt(frames.length).putInt(total).array();
        final CRC32 crc = new CRC32();
        for (int i = 0; i <= payloadFrames; i++)
        {
            crc.update(frames[i]);
        }
        frames[payloadFrames + 1] = ByteBuffer.allocate(CRC_LENGTH).putLong(crc.getValue()).array();
        return frames;
    }

    /** Fill {@code message} with message {@code seq}. */
    Message build(final Message message, final long seq)
    {
        message.clear();
        for (final byte[] frame : frames(seq))
        {
            message.add(frame);
        }
        return message;
    }

    /**
     * Check that a received message is whole and intact.
     *
     * @return its seq.
     * @throws AssertionError describing what is wrong.
     */
    long verify(final Message message)
    {
        return verify(message.frames());
    }

    long verify(final byte[][] received)
    {
        if (received.length < 3)
        {
            throw new AssertionError("message of " + received.length + " frames; every message has at least 3");
        }
        if (received[0].length != HEADER_LENGTH)
        {
            throw new AssertionError("header frame of " + received[0].length + " bytes, expected " + HEADER_LENGTH);
        }
        final ByteBuffer header = ByteBuffer.wrap(received[0]);
        final long seq = header.getLong();
        final int declaredFrames = header.getInt();
        if (declaredFrames != received.length)
        {
            throw new AssertionError("message " + seq + " declares " + declaredFrames + " frames but " +
                received.length + " arrived (partial or merged message)");
        }
        final CRC32 crc = new CRC32();
        for (int i = 0; i < received.length - 1; i++)
        {
            crc.update(received[i]);
        }
        final byte[] last = received[received.length - 1];
        if (last.length != CRC_LENGTH || ByteBuffer.wrap(last).getLong() != crc.getValue())
        {
            throw new AssertionError("message " + seq + ": checksum frame does not match its frames");
        }
        final byte[][] expected = frames(seq);
        for (int i = 0; i < expected.length; i++)
        {
            if (!Arrays.equals(expected[i], received[i]))
            {
                throw new AssertionError("message " + seq + ": frame " + i + " differs from what was sent (" +
                    received[i].length + " bytes, expected " + expected[i].length + ")");
            }
        }
        return seq;
    }
}
