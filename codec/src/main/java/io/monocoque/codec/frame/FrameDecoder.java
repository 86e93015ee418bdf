package io.monocoque.codec.frame;

import io.monocoque.codec.MessageTooLargeException;
import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.monocoque.codec.frame.FrameDescriptor.FLAGS_OFFSET;
import static io.monocoque.codec.frame.FrameDescriptor.FLAG_LONG;
import static io.monocoque.codec.frame.FrameDescriptor.LONG_HEADER_LENGTH;
import static io.monocoque.codec.frame.FrameDescriptor.RESERVED_FLAGS_MASK;
import static io.monocoque.codec.frame.FrameDescriptor.SHORT_HEADER_LENGTH;
import static io.monocoque.codec.frame.FrameDescriptor.SIZE_OFFSET;
import static io.monocoque.codec.frame.FrameDescriptor.bodyLength;
import static io.monocoque.codec.frame.FrameDescriptor.hasMore;
import static io.monocoque.codec.frame.FrameDescriptor.headerLength;
import static io.monocoque.codec.frame.FrameDescriptor.isCommand;

/**
 * Finds whole messages and commands in a ZMTP 3.x byte stream that arrives in pieces.
 * <p>
 * The caller keeps the unconsumed tail of its input (as netty's cumulation does) and calls {@link #decode} again
 * when more bytes arrive; the stream may be split at any byte. Nothing is consumed until a message is whole, so
 * each message is handed out as one contiguous view. Every frame header is checked when it is complete, before its
 * body is awaited: reserved bits, command placement and the maximum message size (libzmq's
 * {@code ZMQ_MAXMSGSIZE}) are enforced from the header, and {@link #requiredLength()} tells the caller how large its
 * input buffer must be to hold the message in progress, so a buffer is never sized from an unchecked length.
 * <p>
 * The only state kept between calls is the stream position, used to report error offsets. Owned by one thread;
 * allocation free except when it throws.
 */
public final class FrameDecoder
{
    /** Value of {@code maxMessageSize} meaning "no limit", as libzmq's -1. */
    public static final long UNLIMITED = -1;
    /** Largest body of a frame with a one-byte size. */
    private static final int MAX_SHORT_BODY = 0xFF;

    private final long maxMessageSize;
    private final int maxEncodedLength;
    /** Largest body a one-frame short message may have and pass every check: 255, or less under the limits. */
    private final int shortBodyLimit;
    private long streamPosition;
    private int requiredLength;
    /** Frames of the message {@link #parseMessage} last found whole. */
    private int parsedFrames;
    /** Whether that message was a command. */
    private boolean parsedCommand;

    /**
     * Create a decoder.
     *
     * @param maxMessageSize largest message accepted in bytes (all frame bodies together), or {@link #UNLIMITED}.
     */
    public FrameDecoder(final long maxMessageSize)
    {
        this(maxMessageSize, Integer.MAX_VALUE - 1);
    }

    /**
     * Create a decoder that also bounds the encoded size of a message (frame headers included), so that a peer
     * cannot make the caller buffer an unbounded run of empty frames, which {@code maxMessageSize} alone (bodies
     * only, as libzmq counts) would allow.
     *
     * @param maxMessageSize   largest message accepted in bytes of frame bodies, or {@link #UNLIMITED}.
     * @param maxEncodedLength largest message accepted in encoded bytes, headers included.
     */
    public FrameDecoder(final long maxMessageSize, final int maxEncodedLength)
    {
        if (maxMessageSize < 0 && maxMessageSize != UNLIMITED)
        {
            throw new IllegalArgumentException("maxMessageSize must be >= 0 or UNLIMITED (-1): " + maxMessageSize);
        }
        if (maxEncodedLength <= 0)
        {
            throw new IllegalArgumentException("maxEncodedLength must be positive: " + maxEncodedLength);
        }
        this.maxMessageSize = maxMessageSize;
        this.maxEncodedLength = maxEncodedLength;
        final long bodyLimit = Math.min(MAX_SHORT_BODY, maxEncodedLength - (long)SHORT_HEADER_LENGTH);
        this.shortBodyLimit = (int)(maxMessageSize == UNLIMITED ? bodyLimit : Math.min(bodyLimit, maxMessageSize));
    }

    /**
     * Reset the stream position, for reuse on a new connection.
     *
     * @param position the stream offset of the next byte that will be passed in (e.g. 64 after a greeting).
     */
    public void reset(final long position)
    {
        streamPosition = position;
        requiredLength = 0;
    }

    /**
     * Decode as many whole messages and commands as the input holds, handing each to the handler.
     *
     * @param buffer  input.
     * @param offset  first unconsumed byte.
     * @param length  number of unconsumed bytes.
     * @param handler receives messages and commands; may stop decoding by returning false.
     * @return the number of bytes consumed, always the end of the last item the handler accepted.
     * @throws ZmtpProtocolException    on a malformed frame; the offset is the stream offset of the bad header.
     * @throws MessageTooLargeException when a header takes the message over the maximum message size.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final FrameHandler handler)
    {
        final int end = offset + length;
        int messageStart = offset;
        requiredLength = 0;
        // Messages [runStart, messageStart) are decoded and not yet handed out: they go to the handler as one run.
        int runLimit = handler.messageRunLimit();
        int runStart = offset;
        try
        {
            while (messageStart < end)
            {
                if (runLimit > 0)
                {
                    final int runEnd = (int)Math.min(end, (long)runStart + runLimit);
                    messageStart = skipShortMessages(buffer, messageStart, runEnd);
                    if (messageStart == end)
                    {
                        break;
                    }
                }
                final int position = parseMessage(buffer, offset, messageStart, end);
                if (position < 0)
                {
                    break; // incomplete: requiredLength says how much more it needs
                }
                final boolean command = parsedCommand;
                if (!command && position - runStart <= runLimit)
                {
                    messageStart = position; // joins the run
                    continue;
                }
                if (runStart < messageStart)
                {
                    // It does not join the run: the run goes first, then this item on its own or in a new run.
                    if (!handler.onMessageRun(buffer, runStart, messageStart - runStart))
                    {
                        messageStart = runStart;
                        break;
                    }
                    runStart = messageStart;
                    runLimit = handler.messageRunLimit();
                    if (!command && position - runStart <= runLimit)
                    {
                        messageStart = position;
                        continue;
                    }
                }
                if (!deliver(handler, buffer, messageStart, position, command))
                {
                    break;
                }
                messageStart = position;
                runStart = position;
                // A handler that takes no runs is not asked per message, except after a command (its handshake's
                // end may be what lets it take them).
                runLimit = runLimit > 0 || command ? handler.messageRunLimit() : 0;
            }
        }
        catch (final ZmtpProtocolException ex)
        {
            if (runStart < messageStart)
            {
                handler.onMessageRun(buffer, runStart, messageStart - runStart); // what came before the bad frame
            }
            throw ex;
        }
        if (runStart < messageStart && !handler.onMessageRun(buffer, runStart, messageStart - runStart))
        {
            messageStart = runStart;
            requiredLength = 0; // stopped by the handler, not for want of bytes
        }
        final int consumed = messageStart - offset;
        streamPosition += consumed;
        return consumed;
    }

    private boolean deliver(
        final FrameHandler handler, final DirectBuffer buffer, final int start, final int end, final boolean command)
    {
        if (command)
        {
            final int header = headerLengthAt(buffer, start);
            return handler.onCommand(buffer, start + header, end - start - header);
        }
        return handler.onMessage(buffer, start, end - start, parsedFrames);
    }

    /**
     * Check every frame header of the message starting at {@code messageStart}, as far as the input holds it.
     *
     * @return the offset just past the message if it is whole, with {@link #parsedFrames} and {@link #parsedCommand}
     * set; -1 if it is not, with {@link #requiredLength} set.
     */
    private int parseMessage(final DirectBuffer buffer, final int offset, final int messageStart, final int end)
    {
        int position = messageStart;
        long bodyTotal = 0;
        int frameCount = 0;
        boolean command = false;
        while (true)
        {
            if (end - position < SHORT_HEADER_LENGTH)
            {
                requiredLength = position - messageStart + SHORT_HEADER_LENGTH;
                return -1;
            }

            final int flags = buffer.getByte(position + FLAGS_OFFSET) & 0xFF;
            final long headerStreamOffset = streamPosition + (position - offset);
            if ((flags & RESERVED_FLAGS_MASK) != 0)
            {
                throw new ZmtpProtocolException(ZmtpError.RESERVED_FLAGS, headerStreamOffset,
                    String.format("flags byte is 0x%02x", flags));
            }

            final int headerLength;
            final long bodyLength;
            if ((flags & FLAG_LONG) != 0)
            {
                if (end - position < LONG_HEADER_LENGTH)
                {
                    requiredLength = position - messageStart + LONG_HEADER_LENGTH;
                    return -1;
                }
                headerLength = LONG_HEADER_LENGTH;
                bodyLength = buffer.getLong(position + SIZE_OFFSET, ByteOrder.BIG_ENDIAN);
            }
            else
            {
                headerLength = SHORT_HEADER_LENGTH;
                bodyLength = buffer.getByte(position + SIZE_OFFSET) & 0xFF;
            }

            if (isCommand(flags))
            {
                checkCommandPlacement(flags, frameCount, headerStreamOffset);
                command = true;
            }

            checkSize(bodyLength, bodyTotal, headerStreamOffset);
            bodyTotal += bodyLength;

            final long frameEnd = (long)(position - messageStart) + headerLength + bodyLength;
            checkEncodedLength(frameEnd, frameCount, headerStreamOffset);
            if ((long)end - messageStart < frameEnd)
            {
                requiredLength = (int)frameEnd;
                return -1;
            }

            position = messageStart + (int)frameEnd;
            frameCount++;
            if (!hasMore(flags))
            {
                parsedFrames = frameCount;
                parsedCommand = command;
                return position;
            }
        }
    }

    /**
     * The fast path of a run: skip whole messages of one short frame with no flags set, the shape of nearly every
     * small message, reading one header word each. Stops at the first frame of any other shape (MORE, LONG, command,
     * reserved bits, or a body over {@link #shortBodyLimit}), at an incomplete message, or at {@code limit}; the
     * general loop then takes that frame and checks it in full.
     */
    private int skipShortMessages(final DirectBuffer buffer, final int from, final int limit)
    {
        int position = from;
        final int bodyLimit = shortBodyLimit;
        while (limit - position >= SHORT_HEADER_LENGTH)
        {
            // Flags byte then size byte: with no flag set the word is the body length, below 256.
            final int header = buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (header > bodyLimit)
            {
                break;
            }
            final int next = position + SHORT_HEADER_LENGTH + header;
            if (next > limit)
            {
                break;
            }
            position = next;
        }
        return position;
    }

    /**
     * A command is a whole message of one frame: it may not follow frames of a message, nor have MORE set.
     */
    private static void checkCommandPlacement(final int flags, final int frameCount, final long headerStreamOffset)
    {
        if (frameCount > 0)
        {
            throw new ZmtpProtocolException(ZmtpError.COMMAND_INSIDE_MESSAGE, headerStreamOffset,
                "command frame follows frame " + frameCount + " of an unfinished message");
        }
        if (hasMore(flags))
        {
            throw new ZmtpProtocolException(ZmtpError.COMMAND_WITH_MORE, headerStreamOffset,
                String.format("flags byte is 0x%02x", flags));
        }
    }

    /**
     * The encoded length of the message so far (frame headers included), {@code frameEnd}, must fit a buffer and
     * stay within {@code maxEncodedLength}.
     */
    private void checkEncodedLength(final long frameEnd, final int frameCount, final long headerStreamOffset)
    {
        if (frameEnd > Integer.MAX_VALUE - 1)
        {
            throw new ZmtpProtocolException(ZmtpError.FRAME_TOO_LARGE, headerStreamOffset,
                "message of " + frameEnd + " encoded bytes does not fit a 2 GiB buffer");
        }
        if (frameEnd > maxEncodedLength)
        {
            throw new ZmtpProtocolException(ZmtpError.MESSAGE_TOO_LARGE, headerStreamOffset,
                "message of at least " + frameEnd + " encoded bytes (" + (frameCount + 1) +
                " frames, headers included) exceeds the limit of " + maxEncodedLength);
        }
    }

    private void checkSize(final long bodyLength, final long bodyTotal, final long headerStreamOffset)
    {
        if (bodyLength < 0)
        {
            throw new ZmtpProtocolException(ZmtpError.FRAME_TOO_LARGE, headerStreamOffset,
                "frame size " + Long.toUnsignedString(bodyLength) + " is over 2^63");
        }
        if (maxMessageSize != UNLIMITED && bodyLength > maxMessageSize - bodyTotal)
        {
            throw new MessageTooLargeException(headerStreamOffset, bodyTotal + bodyLength, maxMessageSize);
        }
        if (bodyLength > Integer.MAX_VALUE)
        {
            throw new ZmtpProtocolException(ZmtpError.FRAME_TOO_LARGE, headerStreamOffset,
                "frame size " + bodyLength + " does not fit a 2 GiB buffer");
        }
    }

    private static int headerLengthAt(final DirectBuffer buffer, final int frameStart)
    {
        return (buffer.getByte(frameStart + FLAGS_OFFSET) & FLAG_LONG) != 0 ? LONG_HEADER_LENGTH : SHORT_HEADER_LENGTH;
    }

    /**
     * Step the stream position back over bytes that {@link #decode} reported consumed but the caller gave back
     * (it could not deliver them and will offer them again), so error offsets stay true.
     *
     * @param bytes bytes given back.
     */
    public void rewind(final int bytes)
    {
        streamPosition -= bytes;
    }

    /**
     * After {@link #decode} stopped on an incomplete message: the number of bytes, counted from the first
     * unconsumed byte, that must be buffered before the decoder can make progress. Known from headers already
     * checked against the maximum message size, so it is safe to size a buffer with it.
     *
     * @return bytes needed from the first unconsumed byte, or 0 if decode stopped for another reason.
     */
    public int requiredLength()
    {
        return requiredLength;
    }

    /**
     * Stream offset of the next byte to be consumed.
     *
     * @return bytes consumed since the last {@link #reset(long)}, plus its position.
     */
    public long streamPosition()
    {
        return streamPosition;
    }

    /**
     * The configured maximum message size.
     *
     * @return the limit in bytes, or {@link #UNLIMITED}.
     */
    public long maxMessageSize()
    {
        return maxMessageSize;
    }
}
