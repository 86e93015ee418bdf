package io.monocoque.codec.greeting;

import org.agrona.MutableDirectBuffer;

import static io.monocoque.codec.greeting.GreetingDescriptor.AS_SERVER_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.GREETING_LENGTH;
import static io.monocoque.codec.greeting.GreetingDescriptor.MECHANISM_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.SIGNATURE_END;
import static io.monocoque.codec.greeting.GreetingDescriptor.SIGNATURE_END_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.SIGNATURE_START;
import static io.monocoque.codec.greeting.GreetingDescriptor.SIGNATURE_START_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.VERSION_MAJOR;
import static io.monocoque.codec.greeting.GreetingDescriptor.VERSION_MAJOR_OFFSET;
import static io.monocoque.codec.greeting.GreetingDescriptor.VERSION_MINOR;
import static io.monocoque.codec.greeting.GreetingDescriptor.VERSION_MINOR_OFFSET;

/**
 * Writes a ZMTP 3.1 greeting. Stateless; any thread may call it on a buffer it owns.
 */
public final class GreetingEncoder
{
    private GreetingEncoder()
    {
    }

    /**
     * Write a 64-byte ZMTP 3.1 greeting.
     *
     * @param buffer    destination.
     * @param offset    where the greeting starts.
     * @param mechanism the security mechanism to announce; must not be {@link Mechanism#UNKNOWN}.
     * @param asServer  whether this side is the mechanism's server (always false for NULL).
     * @return the number of bytes written, {@link GreetingDescriptor#GREETING_LENGTH}.
     */
    public static int encode(
        final MutableDirectBuffer buffer, final int offset, final Mechanism mechanism, final boolean asServer)
    {
        if (mechanism == Mechanism.UNKNOWN)
        {
            throw new IllegalArgumentException("cannot announce an UNKNOWN mechanism");
        }

        buffer.setMemory(offset, GREETING_LENGTH, (byte)0);
        buffer.putByte(offset + SIGNATURE_START_OFFSET, SIGNATURE_START);
        buffer.putByte(offset + SIGNATURE_END_OFFSET, SIGNATURE_END);
        buffer.putByte(offset + VERSION_MAJOR_OFFSET, (byte)VERSION_MAJOR);
        buffer.putByte(offset + VERSION_MINOR_OFFSET, (byte)VERSION_MINOR);
        buffer.putStringWithoutLengthAscii(offset + MECHANISM_OFFSET, mechanism.wireName());
        buffer.putByte(offset + AS_SERVER_OFFSET, (byte)(asServer ? 1 : 0));

        return GREETING_LENGTH;
    }
}
