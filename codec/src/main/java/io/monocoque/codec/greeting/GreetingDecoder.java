package io.monocoque.codec.greeting;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.monocoque.codec.greeting.GreetingDescriptor.AS_SERVER_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.GREETING_LENGTH;
import static io.monocoque.codec.greeting.GreetingDescriptor.MECHANISM_LENGTH;
import static io.monocoque.codec.greeting.GreetingDescriptor.MECHANISM_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.SIGNATURE_END_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.SIGNATURE_START;
import static io.monocoque.codec.greeting.GreetingDescriptor.SIGNATURE_START_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.VERSION_MAJOR;
import static io.monocoque.codec.greeting.GreetingDescriptor.VERSION_MAJOR_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.VERSION_MINOR_OFFSET;

/**
 * Incremental parser of a peer's 64-byte ZMTP greeting. Bytes may arrive in any number of pieces; each field is
 * checked as soon as it is complete, so a peer that is not a ZMTP 3 peer is refused after the bytes that prove it
 * (one byte for a non-ZMTP stream, eleven for a ZMTP 2.0 peer), not after a timeout.
 * <p>
 * Accepts major version 3 with any minor version: 3.0 peers are reported as such (they expect RFC 23 style
 * subscriptions), minor versions above 1 are treated as 3.1 as RFC 37 asks. Any other major version is refused.
 * <p>
 * Owned by one thread (the connection's), reusable via {@link #reset()}; allocates only when it throws.
 */
public final class GreetingDecoder
{
    private final UnsafeBuffer greeting = new UnsafeBuffer(new byte[GREETING_LENGTH]);
    private int received;
    private Mechanism mechanism;

    /**
     * Forget a previous greeting so the decoder can serve a new connection.
     */
    public void reset()
    {
        received = 0;
        mechanism = null;
    }

    /**
     * Consume greeting bytes from a buffer.
     *
     * @param buffer source.
     * @param offset first byte to consume.
     * @param length number of bytes available.
     * @return the number of bytes consumed, at most what the greeting still needs; the rest belongs to the frames
     * that follow.
     * @throws ZmtpProtocolException if the bytes are not a ZMTP 3.x greeting; the offset is within the greeting.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int toCopy = Math.min(length, GREETING_LENGTH - received);
        for (int i = 0; i < toCopy; i++)
        {
            final int position = received;
            greeting.putByte(position, buffer.getByte(offset + i));
            received = position + 1;
            validateByte(position);
        }

        return toCopy;
    }

    private void validateByte(final int position)
    {
        final byte value = greeting.getByte(position);
        switch (position)
        {
            case SIGNATURE_START_OFFSET:
                if (value != SIGNATURE_START)
                {
                    throw new ZmtpProtocolException(ZmtpError.BAD_SIGNATURE, position,
                        "first byte is 0x" + hex(value) + ", expected 0xff: peer does not speak ZMTP 2.0 or later");
                }
                break;

            case SIGNATURE_END_OFFSET:
                if ((value & 0x01) == 0)
                {
                    throw new ZmtpProtocolException(ZmtpError.UNSUPPORTED_VERSION, position,
                        "signature byte 9 is 0x" + hex(value) + ": peer speaks ZMTP 1.0, need 3.x");
                }
                break;

            case VERSION_MAJOR_OFFSET:
                if (value != VERSION_MAJOR)
                {
                    throw new ZmtpProtocolException(ZmtpError.UNSUPPORTED_VERSION, position,
                        "peer speaks " + versionName(value) + " (major version byte " + (value & 0xFF) +
                        "), need 3.x");
                }
                break;

            case MECHANISM_OFFSET + MECHANISM_LENGTH - 1:
                mechanism = parseMechanism(position);
                break;

            case AS_SERVER_OFFSET:
                if (value != 0 && value != 1)
                {
                    throw new ZmtpProtocolException(ZmtpError.BAD_GREETING, position,
                        "as-server byte is 0x" + hex(value) + ", expected 0x00 or 0x01");
                }
                break;

            default:
                // Signature padding (bytes 1..8) is "not significant" (RFC 23): libzmq and JeroMQ write their
                // routing id length + 1 there for ZMTP 1.0 peers, so it must not be checked. Filler is ignored too.
                break;
        }
    }

    private Mechanism parseMechanism(final int lastPosition)
    {
        final int start = MECHANISM_OFFSET;
        int nameLength = 0;
        while (nameLength < MECHANISM_LENGTH && greeting.getByte(start + nameLength) != 0)
        {
            final byte c = greeting.getByte(start + nameLength);
            if (c < 0x20 || c > 0x7E)
            {
                throw new ZmtpProtocolException(ZmtpError.BAD_GREETING, start + nameLength,
                    "mechanism name contains non-printable byte 0x" + hex(c));
            }
            nameLength++;
        }
        for (int i = nameLength; i < MECHANISM_LENGTH; i++)
        {
            if (greeting.getByte(start + i) != 0)
            {
                throw new ZmtpProtocolException(ZmtpError.BAD_GREETING, start + i,
                    "mechanism name is not NUL padded");
            }
        }
        if (nameLength == 0)
        {
            throw new ZmtpProtocolException(ZmtpError.BAD_GREETING, lastPosition, "empty mechanism name");
        }

        for (final Mechanism candidate : Mechanism.values())
        {
            if (candidate != Mechanism.UNKNOWN && matches(candidate.wireName(), nameLength))
            {
                return candidate;
            }
        }
        return Mechanism.UNKNOWN;
    }

    private boolean matches(final String name, final int nameLength)
    {
        if (name.length() != nameLength)
        {
            return false;
        }
        for (int i = 0; i < nameLength; i++)
        {
            if (greeting.getByte(MECHANISM_OFFSET + i) != name.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether all 64 bytes have arrived and passed validation.
     *
     * @return true when the greeting is complete.
     */
    public boolean isComplete()
    {
        return received == GREETING_LENGTH;
    }

    /**
     * How many greeting bytes have been consumed so far.
     *
     * @return bytes consumed, 0 to 64.
     */
    public int received()
    {
        return received;
    }

    /**
     * Major version, valid once at least 11 bytes are in.
     *
     * @return the major version (always 3 once accepted).
     */
    public int versionMajor()
    {
        return greeting.getByte(VERSION_MAJOR_OFFSET) & 0xFF;
    }

    /**
     * Minor version as sent by the peer, valid once at least 12 bytes are in.
     *
     * @return the minor version.
     */
    public int versionMinor()
    {
        return greeting.getByte(VERSION_MINOR_OFFSET) & 0xFF;
    }

    /**
     * Whether the peer speaks ZMTP 3.0 exactly, and so expects subscriptions as messages (RFC 23) rather than as
     * SUBSCRIBE/CANCEL commands (RFC 37). Valid once at least 12 bytes are in.
     *
     * @return true for a 3.0 peer.
     */
    public boolean isZmtp30()
    {
        return versionMinor() == 0;
    }

    /**
     * The mechanism the peer proposes, valid once at least 32 bytes are in.
     *
     * @return the mechanism, {@link Mechanism#UNKNOWN} for a name this codec does not know.
     */
    public Mechanism mechanism()
    {
        return mechanism;
    }

    /**
     * The mechanism name as the peer wrote it (allocates; for error messages and diagnostics).
     *
     * @return the mechanism name.
     */
    public String mechanismName()
    {
        int length = 0;
        while (length < MECHANISM_LENGTH && greeting.getByte(MECHANISM_OFFSET + length) != 0)
        {
            length++;
        }
        return greeting.getStringWithoutLengthAscii(MECHANISM_OFFSET, length);
    }

    /**
     * The peer's as-server flag, valid once the greeting is complete.
     *
     * @return true if the peer claims the server role of the mechanism.
     */
    public boolean asServer()
    {
        return greeting.getByte(AS_SERVER_OFFSET) == 1;
    }

    private static String versionName(final byte major)
    {
        switch (major)
        {
            case 0:
                return "ZMTP 1.0";
            case 1:
                return "ZMTP 2.0";
            case 2:
                return "ZMTP 2.x";
            default:
                return "ZMTP " + (major & 0xFF) + ".x";
        }
    }

    private static String hex(final byte value)
    {
        return String.format("%02x", value & 0xFF);
    }
}
