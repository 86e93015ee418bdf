package io.monocoque.codec.greeting;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.monocoque.codec.Wire.buffer;
import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.wire;
import static io.monocoque.codec.Wire.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GreetingDecoderTest
{
    private final GreetingDecoder decoder = new GreetingDecoder();

    /** A greeting with a given version and mechanism field, as RFC 23 lays it out. */
    static byte[] greeting(final int major, final int minor, final String mechanism, final int asServer)
    {
        final byte[] mechanismField = new byte[20];
        System.arraycopy(mechanism.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, mechanismField, 0,
            mechanism.length());
        return concat(
            wire("FF 00 00 00 00 00 00 00 00 7F"),
            new byte[] {(byte)major, (byte)minor},
            mechanismField,
            new byte[] {(byte)asServer},
            zeros(31));
    }

    @Test
    void shouldAcceptZmtp31Greeting()
    {
        final byte[] bytes = greeting(3, 1, "NULL", 0);

        assertEquals(64, decoder.decode(buffer(bytes), 0, 64));

        assertTrue(decoder.isComplete());
        assertEquals(64, decoder.received());
        assertEquals(3, decoder.versionMajor());
        assertEquals(1, decoder.versionMinor());
        assertFalse(decoder.isZmtp30());
        assertEquals(Mechanism.NULL, decoder.mechanism());
        assertFalse(decoder.asServer());
    }

    @Test
    void shouldAcceptZmtp30GreetingAndReportIt()
    {
        decoder.decode(buffer(greeting(3, 0, "NULL", 0)), 0, 64);

        assertTrue(decoder.isComplete());
        assertEquals(0, decoder.versionMinor());
        assertTrue(decoder.isZmtp30(), "3.0 peers need RFC 23 subscription messages");
    }

    @Test
    void shouldTreatLaterMinorVersionAsAcceptable()
    {
        decoder.decode(buffer(greeting(3, 2, "NULL", 0)), 0, 64);

        assertTrue(decoder.isComplete());
        assertEquals(2, decoder.versionMinor());
        assertFalse(decoder.isZmtp30());
    }

    /**
     * RFC 23: {@code padding = 8OCTET ; Not significant}. libzmq and JeroMQ put their routing id length + 1 there
     * (this is the greeting JeroMQ 0.6.0 sent for a DEALER with no routing id, captured on loopback).
     */
    @Test
    void shouldAcceptNonZeroSignaturePaddingAsSentByLibzmqAndJeromq()
    {
        final byte[] jeromq = concat(
            wire("FF 00 00 00 00 00 00 00 01 7F 03 00 'NULL'"), zeros(16), wire("00"), zeros(31));
        assertEquals(64, decoder.decode(buffer(jeromq), 0, 64));
        assertTrue(decoder.isComplete());
        assertTrue(decoder.isZmtp30());

        decoder.reset();
        final byte[] anyPadding = concat(
            wire("FF 12 34 56 78 9A BC DE F0 7F 03 01 'NULL'"), zeros(16), wire("00"), zeros(31));
        assertEquals(64, decoder.decode(buffer(anyPadding), 0, 64));
        assertTrue(decoder.isComplete());
    }

    @Test
    void shouldRejectZmtp20PeerAfterElevenBytes()
    {
        // A ZMTP 2.0 (RFC 15) peer sends signature then revision 0x01, then its socket type.
        final byte[] bytes = wire("FF 00 00 00 00 00 00 00 01 7F 01 05");

        assertEquals(10, decoder.decode(buffer(bytes), 0, 10), "signature alone is fine");
        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(bytes), 10, 1));

        assertEquals(ZmtpError.UNSUPPORTED_VERSION, e.error());
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().contains("ZMTP 2.0"), e.getMessage());
        assertTrue(e.getMessage().contains("need 3.x"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void shouldRejectMajorVersionBelowThree(final int major)
    {
        final byte[] bytes = greeting(major, 0, "NULL", 0);

        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(bytes), 0, 64));

        assertEquals(ZmtpError.UNSUPPORTED_VERSION, e.error());
        assertEquals(10, e.offset());
        assertTrue(e.getMessage().contains("need 3.x"), e.getMessage());
        assertEquals(11, decoder.received(), "refused as soon as the version byte arrived");
    }

    @Test
    void shouldRejectNonZmtpStreamAfterOneByte()
    {
        final byte[] http = "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(http), 0, 1));

        assertEquals(ZmtpError.BAD_SIGNATURE, e.error());
        assertEquals(0, e.offset());
        assertEquals(1, decoder.received());
    }

    @Test
    void shouldRejectZmtp10PeerAtSignatureEnd()
    {
        // ZMTP 1.0 with a long identity: 0xFF, 8-byte length, then a flags byte whose low bit is 0.
        final byte[] bytes = wire("FF 00 00 00 00 00 00 01 01 00 'x'");

        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(bytes), 0, bytes.length));

        assertEquals(ZmtpError.UNSUPPORTED_VERSION, e.error());
        assertEquals(9, e.offset());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 0x10, 0x80, 0xFF})
    void shouldRejectBadAsServerByte(final int asServer)
    {
        final byte[] bytes = greeting(3, 1, "NULL", asServer);

        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(bytes), 0, 64));

        assertEquals(ZmtpError.BAD_GREETING, e.error());
        assertEquals(32, e.offset());
    }

    @Test
    void shouldReadAsServerFlag()
    {
        decoder.decode(buffer(greeting(3, 1, "PLAIN", 1)), 0, 64);

        assertTrue(decoder.asServer());
        assertEquals(Mechanism.PLAIN, decoder.mechanism());
    }

    @Test
    void shouldRecogniseCurveMechanism()
    {
        decoder.decode(buffer(greeting(3, 1, "CURVE", 0)), 0, 64);

        assertEquals(Mechanism.CURVE, decoder.mechanism());
    }

    @Test
    void shouldReportUnknownMechanismWithRawName()
    {
        decoder.decode(buffer(greeting(3, 1, "GSSAPI", 0)), 0, 64);

        assertTrue(decoder.isComplete());
        assertEquals(Mechanism.UNKNOWN, decoder.mechanism());
        assertEquals("GSSAPI", decoder.mechanismName());
    }

    @Test
    void shouldNotMatchMechanismByPrefix()
    {
        decoder.decode(buffer(greeting(3, 1, "NULLX", 0)), 0, 64);
        assertEquals(Mechanism.UNKNOWN, decoder.mechanism());

        decoder.reset();
        decoder.decode(buffer(greeting(3, 1, "NUL", 0)), 0, 64);
        assertEquals(Mechanism.UNKNOWN, decoder.mechanism());

        decoder.reset();
        decoder.decode(buffer(greeting(3, 1, "null", 0)), 0, 64);
        assertEquals(Mechanism.UNKNOWN, decoder.mechanism(), "mechanism names are upper case on the wire");
        assertEquals("null", decoder.mechanismName());
    }

    @Test
    void shouldAcceptMechanismNameFillingAllTwentyBytes()
    {
        decoder.decode(buffer(greeting(3, 1, "ABCDEFGHIJKLMNOPQRST", 0)), 0, 64);

        assertEquals(Mechanism.UNKNOWN, decoder.mechanism());
        assertEquals("ABCDEFGHIJKLMNOPQRST", decoder.mechanismName());
    }

    @Test
    void shouldRejectEmptyMechanismName()
    {
        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
            () -> decoder.decode(buffer(greeting(3, 1, "", 0)), 0, 64));

        assertEquals(ZmtpError.BAD_GREETING, e.error());
        assertEquals(31, e.offset());
        assertEquals(32, decoder.received(), "refused when the mechanism field completed");
    }

    @Test
    void shouldRejectMechanismNameNotNulPadded()
    {
        final byte[] bytes = greeting(3, 1, "NULL", 0);
        bytes[12 + 6] = 'X';

        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(bytes), 0, 64));

        assertEquals(ZmtpError.BAD_GREETING, e.error());
        assertEquals(18, e.offset());
    }

    @Test
    void shouldRejectNonPrintableMechanismName()
    {
        final byte[] bytes = greeting(3, 1, "NULL", 0);
        bytes[13] = (byte)0xC3;

        final ZmtpProtocolException e =
            assertThrows(ZmtpProtocolException.class, () -> decoder.decode(buffer(bytes), 0, 64));

        assertEquals(ZmtpError.BAD_GREETING, e.error());
        assertEquals(13, e.offset());
    }

    @Test
    void shouldConsumeOnlySixtyFourBytesAndLeaveTheRest()
    {
        final byte[] frames = wire("04 06 05 'READY' 00 05 'hello'");
        final byte[] stream = concat(greeting(3, 1, "NULL", 0), frames);
        final UnsafeBuffer buffer = buffer(stream);

        assertEquals(64, decoder.decode(buffer, 0, stream.length));

        assertTrue(decoder.isComplete());
        assertEquals(0, decoder.decode(buffer, 64, stream.length - 64), "nothing more once complete");
        assertEquals(64, decoder.received());
    }

    @Test
    void shouldConsumeOnlyWhatTheGreetingStillNeedsAcrossCalls()
    {
        final byte[] stream = concat(greeting(3, 1, "NULL", 0), wire("00 05 'hello'"));
        final UnsafeBuffer buffer = buffer(stream);

        assertEquals(40, decoder.decode(buffer, 0, 40));
        assertFalse(decoder.isComplete());
        assertEquals(24, decoder.decode(buffer, 40, stream.length - 40));
        assertTrue(decoder.isComplete());
    }

    @Test
    void shouldDecodeWhenFedOneByteAtATime()
    {
        final byte[] bytes = greeting(3, 0, "PLAIN", 1);
        final UnsafeBuffer buffer = buffer(bytes);

        for (int i = 0; i < 64; i++)
        {
            assertFalse(decoder.isComplete(), "complete after only " + i + " bytes");
            assertEquals(1, decoder.decode(buffer, i, 1));
        }

        assertTrue(decoder.isComplete());
        assertTrue(decoder.isZmtp30());
        assertEquals(Mechanism.PLAIN, decoder.mechanism());
        assertTrue(decoder.asServer());
    }

    @Test
    void shouldConsumeNothingFromEmptyInput()
    {
        assertEquals(0, decoder.decode(buffer(new byte[8]), 0, 0));
        assertEquals(0, decoder.received());
        assertNull(decoder.mechanism());
    }

    @Test
    void shouldDecodeAgainAfterReset()
    {
        decoder.decode(buffer(greeting(3, 1, "CURVE", 1)), 0, 64);
        decoder.reset();

        assertFalse(decoder.isComplete());
        assertEquals(0, decoder.received());
        assertNull(decoder.mechanism());

        decoder.decode(buffer(greeting(3, 0, "NULL", 0)), 0, 64);
        assertEquals(Mechanism.NULL, decoder.mechanism());
        assertTrue(decoder.isZmtp30());
        assertFalse(decoder.asServer());
    }
}
