package io.monocoque.codec.greeting;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.copy;
import static io.monocoque.codec.Wire.filled;
import static io.monocoque.codec.Wire.hex;
import static io.monocoque.codec.Wire.wire;
import static io.monocoque.codec.Wire.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GreetingEncoderTest
{
    /**
     * RFC 23 / RFC 37 "The Greeting": signature FF, 8 padding, 7F; version 03 01; mechanism "NULL" padded with
     * zeros to 20 octets; as-server 00; filler of 31 zero octets.
     */
    static final byte[] NULL_CLIENT_GREETING = concat(
        wire("FF 00 00 00 00 00 00 00 00 7F"),
        wire("03 01"),
        wire("'NULL' 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
        wire("00"),
        zeros(31));

    @Test
    void shouldWriteByteExactNullGreetingFromRfc()
    {
        assertEquals(64, NULL_CLIENT_GREETING.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(filled(80, 0xAA));

        final int written = GreetingEncoder.encode(buffer, 5, Mechanism.NULL, false);

        assertEquals(64, written);
        assertEquals(hex(NULL_CLIENT_GREETING), hex(copy(buffer, 5, 64)));
        assertEquals(hex(filled(5, 0xAA)), hex(copy(buffer, 0, 5)), "bytes before the greeting untouched");
        assertEquals(hex(filled(11, 0xAA)), hex(copy(buffer, 69, 11)), "bytes after the greeting untouched");
    }

    @Test
    void shouldWriteAsServerFlagAndOtherMechanismNames()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        GreetingEncoder.encode(buffer, 0, Mechanism.PLAIN, true);

        final byte[] expected = concat(
            wire("FF 00 00 00 00 00 00 00 00 7F 03 01"),
            wire("'PLAIN'"), zeros(15),
            wire("01"),
            zeros(31));
        assertEquals(hex(expected), hex(copy(buffer, 0, 64)));
    }

    @Test
    void shouldOverwriteStaleBytesWithZeroPadding()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(filled(64, 0xFF));

        GreetingEncoder.encode(buffer, 0, Mechanism.NULL, false);

        assertEquals(hex(NULL_CLIENT_GREETING), hex(copy(buffer, 0, 64)));
    }

    @Test
    void shouldRefuseToAnnounceUnknownMechanism()
    {
        assertThrows(IllegalArgumentException.class,
            () -> GreetingEncoder.encode(new UnsafeBuffer(new byte[64]), 0, Mechanism.UNKNOWN, false));
    }

    @Test
    void shouldRoundTripThroughDecoder()
    {
        for (final Mechanism mechanism : new Mechanism[] {Mechanism.NULL, Mechanism.PLAIN, Mechanism.CURVE})
        {
            for (final boolean asServer : new boolean[] {false, true})
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
                GreetingEncoder.encode(buffer, 0, mechanism, asServer);
                final GreetingDecoder decoder = new GreetingDecoder();

                assertEquals(64, decoder.decode(buffer, 0, 64));

                assertEquals(mechanism, decoder.mechanism());
                assertEquals(mechanism.wireName(), decoder.mechanismName());
                assertEquals(asServer, decoder.asServer());
                assertEquals(3, decoder.versionMajor());
                assertEquals(1, decoder.versionMinor());
            }
        }
    }
}
