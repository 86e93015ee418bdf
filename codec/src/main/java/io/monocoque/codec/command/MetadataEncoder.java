package io.monocoque.codec.command;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes metadata properties (the body of READY, RFC 23) and whole READY commands. Stateless; any thread may call
 * it on a buffer it owns. Property layout is described in {@link MetadataReader}.
 */
public final class MetadataEncoder
{
    /** Property name for the socket type. */
    public static final String SOCKET_TYPE = "Socket-Type";
    /** Property name for the routing identity. */
    public static final String IDENTITY = "Identity";
    /** Longest property name, limited by its one-byte length. */
    public static final int MAX_NAME_LENGTH = 255;

    private MetadataEncoder()
    {
    }

    /**
     * Encoded length of a property.
     *
     * @param name        property name (ASCII, 1..255 chars).
     * @param valueLength value length.
     * @return bytes the property takes.
     */
    public static int propertyLength(final String name, final int valueLength)
    {
        return 1 + name.length() + MetadataReader.VALUE_LENGTH_SIZE + valueLength;
    }

    /**
     * Write one property.
     *
     * @param buffer      destination.
     * @param offset      where the property starts.
     * @param name        property name (ASCII, 1..255 chars).
     * @param value       source of the value.
     * @param valueOffset first value byte.
     * @param valueLength value length.
     * @return bytes written.
     */
    public static int putProperty(
        final MutableDirectBuffer buffer,
        final int offset,
        final String name,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        final int dataStart = putName(buffer, offset, name, valueLength);
        buffer.putBytes(dataStart, value, valueOffset, valueLength);
        return dataStart + valueLength - offset;
    }

    /**
     * Write one property with an ASCII string value.
     *
     * @param buffer destination.
     * @param offset where the property starts.
     * @param name   property name (ASCII, 1..255 chars).
     * @param value  value (ASCII).
     * @return bytes written.
     */
    public static int putProperty(
        final MutableDirectBuffer buffer, final int offset, final String name, final String value)
    {
        final int dataStart = putName(buffer, offset, name, value.length());
        buffer.putStringWithoutLengthAscii(dataStart, value);
        return dataStart + value.length() - offset;
    }

    private static int putName(
        final MutableDirectBuffer buffer, final int offset, final String name, final int valueLength)
    {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("metadata name must be 1..255 characters: '" + name + "'");
        }
        buffer.putByte(offset, (byte)name.length());
        buffer.putStringWithoutLengthAscii(offset + 1, name);
        final int lengthOffset = offset + 1 + name.length();
        buffer.putInt(lengthOffset, valueLength, ByteOrder.BIG_ENDIAN);
        return lengthOffset + MetadataReader.VALUE_LENGTH_SIZE;
    }

    /**
     * Encoded length of a READY command carrying {@code Socket-Type} and, when not empty, {@code Identity}.
     *
     * @param socketType     socket type name, e.g. "DEALER".
     * @param identityLength identity length, 0 for none.
     * @return bytes the frame takes.
     */
    public static int readyLength(final String socketType, final int identityLength)
    {
        return CommandEncoder.commandLength(CommandType.READY, metadataLength(socketType, identityLength));
    }

    /**
     * Write a READY command with {@code Socket-Type} and, when the identity is not empty, {@code Identity}.
     *
     * @param buffer         destination.
     * @param offset         where the frame starts.
     * @param socketType     socket type name, e.g. "DEALER".
     * @param identity       identity bytes (may be null when {@code identityLength} is 0).
     * @param identityOffset first identity byte.
     * @param identityLength identity length, 0..255.
     * @return bytes written.
     */
    public static int encodeReady(
        final MutableDirectBuffer buffer,
        final int offset,
        final String socketType,
        final DirectBuffer identity,
        final int identityOffset,
        final int identityLength)
    {
        final int metadataLength = metadataLength(socketType, identityLength);
        int position = CommandEncoder.encodeCommandStart(buffer, offset, CommandType.READY, metadataLength);
        position += putProperty(buffer, position, SOCKET_TYPE, socketType);
        if (identityLength > 0)
        {
            position += putProperty(buffer, position, IDENTITY, identity, identityOffset, identityLength);
        }
        return position - offset;
    }

    private static int metadataLength(final String socketType, final int identityLength)
    {
        return propertyLength(SOCKET_TYPE, socketType.length()) +
            (identityLength > 0 ? propertyLength(IDENTITY, identityLength) : 0);
    }
}
