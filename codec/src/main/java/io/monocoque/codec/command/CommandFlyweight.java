package io.monocoque.codec.command;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.DirectBuffer;

/**
 * Reusable view of one command body (what follows the frame header):
 * <pre>
 *  +-------------+-------------------+------------------------+
 *  | name length | name (ASCII)      | data                   |
 *  | 1 B (1..255)| name length bytes | rest of the frame      |
 *  +-------------+-------------------+------------------------+
 *
 *  PING data:  TTL (2 B, big-endian, tenths of a second) + context (0..16 B)
 *  PONG data:  context (0..16 B)
 *  ERROR data: reason length (1 B) + reason
 *  READY data: metadata, see {@link MetadataReader}
 *  SUBSCRIBE / CANCEL data: the subscription prefix
 * </pre>
 * Owned by one thread; allocation free except for the accessors documented as allocating and on bad input.
 */
public final class CommandFlyweight
{
    /** Offset of the name length byte. */
    public static final int NAME_LENGTH_OFFSET = 0;
    /** Offset of the first name byte. */
    public static final int NAME_OFFSET = 1;
    /** Length of a PING's TTL field. */
    public static final int PING_TTL_LENGTH = 2;
    /** Largest context a PING or PONG may carry. */
    public static final int MAX_PING_CONTEXT_LENGTH = 16;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int nameLength;
    private CommandType type;

    /**
     * Point at a command body and validate its name.
     *
     * @param buffer holds the command.
     * @param offset first byte of the body (the name length).
     * @param length body length.
     * @return this flyweight.
     * @throws ZmtpProtocolException if the name length is zero or runs past the body, or the data of a known
     *                               command is malformed.
     */
    public CommandFlyweight wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            throw malformed("empty command frame");
        }
        final int nameLength = buffer.getByte(offset + NAME_LENGTH_OFFSET) & 0xFF;
        if (nameLength == 0 || nameLength > length - 1)
        {
            throw malformed("command name length " + nameLength + " does not fit a " + length + "-byte body");
        }

        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.nameLength = nameLength;
        this.type = CommandType.lookup(buffer, offset + NAME_OFFSET, nameLength);
        validateData();
        return this;
    }

    private void validateData()
    {
        final int dataLength = dataLength();
        switch (type)
        {
            case PING:
                if (dataLength < PING_TTL_LENGTH || dataLength > PING_TTL_LENGTH + MAX_PING_CONTEXT_LENGTH)
                {
                    throw malformed("PING data is " + dataLength + " bytes, expected 2..18");
                }
                break;

            case PONG:
                if (dataLength > MAX_PING_CONTEXT_LENGTH)
                {
                    throw malformed("PONG context is " + dataLength + " bytes, expected at most 16");
                }
                break;

            case ERROR:
                if (dataLength < 1 || (buffer.getByte(dataOffset()) & 0xFF) != dataLength - 1)
                {
                    throw malformed("ERROR reason length does not match a " + dataLength + "-byte body");
                }
                break;

            default:
                break;
        }
    }

    private static ZmtpProtocolException malformed(final String detail)
    {
        return new ZmtpProtocolException(ZmtpError.MALFORMED_COMMAND, ZmtpProtocolException.NO_OFFSET, detail);
    }

    /**
     * The command's type.
     *
     * @return the type, {@link CommandType#UNKNOWN} for a name this codec does not know.
     */
    public CommandType type()
    {
        return type;
    }

    /**
     * The command name as sent (allocates; for diagnostics).
     *
     * @return the name.
     */
    public String name()
    {
        return buffer.getStringWithoutLengthAscii(offset + NAME_OFFSET, nameLength);
    }

    /**
     * Buffer holding the command.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * First byte of the command data (after the name).
     *
     * @return offset in {@link #buffer()}.
     */
    public int dataOffset()
    {
        return offset + NAME_OFFSET + nameLength;
    }

    /**
     * Length of the command data.
     *
     * @return length in bytes.
     */
    public int dataLength()
    {
        return length - NAME_OFFSET - nameLength;
    }

    /**
     * PING time-to-live.
     *
     * @return TTL in tenths of a second, as sent.
     */
    public int pingTtlDeciseconds()
    {
        return buffer.getShort(dataOffset(), java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * First byte of a PING's context.
     *
     * @return offset in {@link #buffer()}.
     */
    public int pingContextOffset()
    {
        return dataOffset() + PING_TTL_LENGTH;
    }

    /**
     * Length of a PING's context.
     *
     * @return length in bytes, 0..16.
     */
    public int pingContextLength()
    {
        return dataLength() - PING_TTL_LENGTH;
    }

    /**
     * An ERROR command's reason (allocates; the connection is closing anyway).
     *
     * @return the reason text.
     */
    public String errorReason()
    {
        return buffer.getStringWithoutLengthAscii(dataOffset() + 1, dataLength() - 1);
    }
}
