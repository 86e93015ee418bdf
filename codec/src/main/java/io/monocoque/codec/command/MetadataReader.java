package io.monocoque.codec.command;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Reusable cursor over ZMTP metadata (the body of READY, RFC 23 "metadata"):
 * <pre>
 *  property = +-------------+------------------+----------------------+---------------+
 *             | name length | name (ASCII)     | value length         | value         |
 *             | 1 B (1..255)| name length bytes| 4 B, big-endian      | value length  |
 *             +-------------+------------------+----------------------+---------------+
 *  metadata = property*
 * </pre>
 * Property names compare case-insensitively (RFC 23); every property is kept, so unknown ones stay readable by
 * iterating with {@link #next()}. {@link #wrap} validates the whole region up front, so a malformed READY is
 * refused before any property is acted upon. Owned by one thread; allocation free except for the accessors
 * documented as allocating and on bad input.
 */
public final class MetadataReader
{
    /** Size of the value length field. */
    public static final int VALUE_LENGTH_SIZE = 4;

    private DirectBuffer buffer;
    private int start;
    private int limit;
    private int position;
    private int nameOffset;
    private int nameLength;
    private int valueOffset;
    private int valueLength;

    /**
     * Point at a metadata region and validate every property in it.
     *
     * @param buffer holds the metadata.
     * @param offset first byte.
     * @param length region length.
     * @return this reader, positioned before the first property.
     * @throws ZmtpProtocolException if a property is truncated or has an empty name.
     */
    public MetadataReader wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.start = offset;
        this.limit = offset + length;
        rewind();
        while (next())
        {
            // validation happens inside next()
        }
        rewind();
        return this;
    }

    /**
     * Go back before the first property.
     */
    public void rewind()
    {
        position = start;
        nameOffset = -1;
    }

    /**
     * Advance to the next property.
     *
     * @return true if there is one.
     * @throws ZmtpProtocolException if the property is malformed.
     */
    public boolean next()
    {
        if (position >= limit)
        {
            return false;
        }
        final int nameLength = buffer.getByte(position) & 0xFF;
        if (nameLength == 0)
        {
            throw malformed("empty property name at metadata byte " + (position - start));
        }
        if (limit - position - 1 < nameLength + VALUE_LENGTH_SIZE)
        {
            throw malformed("property name of " + nameLength + " bytes at metadata byte " + (position - start) +
                " runs past the end");
        }
        final int lengthOffset = position + 1 + nameLength;
        final long valueLength = buffer.getInt(lengthOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        if (valueLength > limit - lengthOffset - VALUE_LENGTH_SIZE)
        {
            throw malformed("property value of " + valueLength + " bytes at metadata byte " + (position - start) +
                " runs past the end");
        }

        this.nameOffset = position + 1;
        this.nameLength = nameLength;
        this.valueOffset = lengthOffset + VALUE_LENGTH_SIZE;
        this.valueLength = (int)valueLength;
        position = valueOffset + this.valueLength;
        return true;
    }

    /**
     * Position on the first property with a given name, compared case-insensitively (ASCII).
     *
     * @param name the property name.
     * @return true if found; the accessors then describe it.
     */
    public boolean find(final String name)
    {
        rewind();
        while (next())
        {
            if (nameEquals(name))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the current property's name equals a name, ignoring ASCII case.
     *
     * @param name the name to compare.
     * @return true if equal.
     */
    public boolean nameEquals(final String name)
    {
        if (name.length() != nameLength)
        {
            return false;
        }
        for (int i = 0; i < nameLength; i++)
        {
            if (toLower(buffer.getByte(nameOffset + i)) != toLower((byte)name.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the current property's value equals an ASCII string exactly.
     *
     * @param value the value to compare.
     * @return true if equal.
     */
    public boolean valueEquals(final String value)
    {
        if (value.length() != valueLength)
        {
            return false;
        }
        for (int i = 0; i < valueLength; i++)
        {
            if (buffer.getByte(valueOffset + i) != (byte)value.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static int toLower(final byte b)
    {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private ZmtpProtocolException malformed(final String detail)
    {
        return new ZmtpProtocolException(ZmtpError.MALFORMED_METADATA, ZmtpProtocolException.NO_OFFSET, detail);
    }

    /**
     * Current property's name (allocates).
     *
     * @return the name as sent.
     */
    public String name()
    {
        return buffer.getStringWithoutLengthAscii(nameOffset, nameLength);
    }

    /**
     * Current property's value as a string (allocates; bytes above 0x7F become '?').
     *
     * @return the value.
     */
    public String valueAsString()
    {
        return buffer.getStringWithoutLengthAscii(valueOffset, valueLength);
    }

    /**
     * Buffer holding the metadata.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the current property's value.
     *
     * @return offset in {@link #buffer()}.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * Length of the current property's value.
     *
     * @return length in bytes.
     */
    public int valueLength()
    {
        return valueLength;
    }
}
