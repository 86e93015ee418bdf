package io.monocoque.codec.command;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes ZMTP 3.x command frames, header included. Stateless; any thread may call it on a buffer it owns. Each
 * method returns the number of bytes written; {@link #commandLength} sizes the destination.
 */
public final class CommandEncoder
{
    /** Largest ERROR reason, limited by its one-byte length. */
    public static final int MAX_ERROR_REASON_LENGTH = 255;

    private CommandEncoder()
    {
    }

    /**
     * Encoded length of a command frame.
     *
     * @param type       the command.
     * @param dataLength length of its data.
     * @return header + name length byte + name + data.
     */
    public static int commandLength(final CommandType type, final int dataLength)
    {
        return FrameDescriptor.frameLength(1 + type.nameLength() + dataLength);
    }

    /**
     * Write a command header and name; the caller writes {@code dataLength} data bytes at the returned offset.
     *
     * @param buffer     destination.
     * @param offset     where the frame starts.
     * @param type       the command; not {@link CommandType#UNKNOWN}.
     * @param dataLength the data length that follows.
     * @return the offset at which the data must be written.
     */
    public static int encodeCommandStart(
        final MutableDirectBuffer buffer, final int offset, final CommandType type, final int dataLength)
    {
        if (type == CommandType.UNKNOWN)
        {
            throw new IllegalArgumentException("cannot encode an UNKNOWN command");
        }
        final int nameLength = type.nameLength();
        int position = offset + FrameEncoder.encodeHeader(buffer, offset, 1 + nameLength + dataLength, false, true);
        buffer.putByte(position++, (byte)nameLength);
        for (int i = 0; i < nameLength; i++)
        {
            buffer.putByte(position++, type.nameByte(i));
        }
        return position;
    }

    /**
     * Write a command whose data is copied from a buffer (SUBSCRIBE, CANCEL, PONG, or a pre-encoded READY).
     *
     * @param buffer     destination.
     * @param offset     where the frame starts.
     * @param type       the command.
     * @param data       source of the data.
     * @param dataOffset first data byte.
     * @param dataLength data length.
     * @return bytes written.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final CommandType type,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength)
    {
        final int dataStart = encodeCommandStart(buffer, offset, type, dataLength);
        buffer.putBytes(dataStart, data, dataOffset, dataLength);
        return dataStart + dataLength - offset;
    }

    /**
     * Write a PING (RFC 37).
     *
     * @param buffer        destination.
     * @param offset        where the frame starts.
     * @param ttlDeciseconds time-to-live the peer should apply, in tenths of a second (0..65535).
     * @param context       context bytes the PONG must echo.
     * @param contextOffset first context byte.
     * @param contextLength context length, 0..16.
     * @return bytes written.
     */
    public static int encodePing(
        final MutableDirectBuffer buffer,
        final int offset,
        final int ttlDeciseconds,
        final DirectBuffer context,
        final int contextOffset,
        final int contextLength)
    {
        if (contextLength > CommandFlyweight.MAX_PING_CONTEXT_LENGTH)
        {
            throw new IllegalArgumentException("PING context is limited to 16 bytes: " + contextLength);
        }
        if (ttlDeciseconds < 0 || ttlDeciseconds > 0xFFFF)
        {
            throw new IllegalArgumentException("PING TTL must be 0..65535 deciseconds: " + ttlDeciseconds);
        }
        final int dataLength = CommandFlyweight.PING_TTL_LENGTH + contextLength;
        final int dataStart = encodeCommandStart(buffer, offset, CommandType.PING, dataLength);
        buffer.putShort(dataStart, (short)ttlDeciseconds, ByteOrder.BIG_ENDIAN);
        if (contextLength > 0)
        {
            buffer.putBytes(dataStart + CommandFlyweight.PING_TTL_LENGTH, context, contextOffset, contextLength);
        }
        return dataStart + dataLength - offset;
    }

    /**
     * Write an ERROR command (RFC 23); the reason is truncated to 255 ASCII bytes.
     *
     * @param buffer destination.
     * @param offset where the frame starts.
     * @param reason the reason text.
     * @return bytes written.
     */
    public static int encodeError(final MutableDirectBuffer buffer, final int offset, final String reason)
    {
        final int reasonLength = Math.min(reason.length(), MAX_ERROR_REASON_LENGTH);
        final int dataStart = encodeCommandStart(buffer, offset, CommandType.ERROR, 1 + reasonLength);
        buffer.putByte(dataStart, (byte)reasonLength);
        for (int i = 0; i < reasonLength; i++)
        {
            final char c = reason.charAt(i);
            buffer.putByte(dataStart + 1 + i, (byte)(c < 0x80 ? c : '?'));
        }
        return dataStart + 1 + reasonLength - offset;
    }
}
