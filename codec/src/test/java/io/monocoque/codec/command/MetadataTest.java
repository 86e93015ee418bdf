package io.monocoque.codec.command;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.monocoque.codec.Wire.ascii;
import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.copy;
import static io.monocoque.codec.Wire.hex;
import static io.monocoque.codec.Wire.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataTest
{
    /** Socket-Type, an unknown X-Custom property with a binary value, an empty-valued one, and Identity. */
    private static final byte[] PROPERTIES = concat(
        wire("0B 'Socket-Type' 00 00 00 03 'SUB'"),
        wire("08 'X-Custom' 00 00 00 04 00 FF 80 7F"),
        wire("05 'Empty' 00 00 00 00"),
        wire("08 'IDENTITY' 00 00 00 02 'id'"));
    /** Offsets at which a property ends, i.e. valid places to cut the region. */
    private static final int[] BOUNDARIES = {0, 19, 36, 46, 61};

    private final MetadataReader reader = new MetadataReader();

    /** Wrap in an exactly sized copy so reading one byte too far fails. */
    private MetadataReader wrap(final byte[] bytes, final int length)
    {
        final byte[] exact = new byte[length];
        System.arraycopy(bytes, 0, exact, 0, length);
        return reader.wrap(new UnsafeBuffer(exact), 0, length);
    }

    @Test
    void shouldFindPropertyNamesCaseInsensitively()
    {
        wrap(PROPERTIES, PROPERTIES.length);

        assertTrue(reader.find("socket-type"));
        assertEquals("Socket-Type", reader.name());
        assertTrue(reader.valueEquals("SUB"));
        assertTrue(reader.find("SOCKET-TYPE"));
        assertTrue(reader.find("Identity"), "sent as IDENTITY");
        assertEquals("id", reader.valueAsString());
        assertFalse(reader.find("Resource"));
    }

    @Test
    void shouldFoldOnlyAsciiLettersWhenComparingNames()
    {
        final byte[] odd = wire("02 '[@' 00 00 00 00");
        wrap(odd, odd.length);

        assertTrue(reader.find("[@"));
        assertFalse(reader.find("{`"), "'{' and '`' are 0x20 above '[' and '@' but are not their lower case");
        wrap(PROPERTIES, PROPERTIES.length);
        assertFalse(reader.find("Socket_Type"));
        assertFalse(reader.find("Socket-Typ"));
        assertFalse(reader.find("Socket-Types"));
    }

    @Test
    void shouldCompareValuesExactly()
    {
        wrap(PROPERTIES, PROPERTIES.length);
        assertTrue(reader.find("Socket-Type"));

        assertFalse(reader.valueEquals("sub"));
        assertFalse(reader.valueEquals("SU"));
        assertFalse(reader.valueEquals("SUBX"));
    }

    @Test
    void shouldKeepUnknownPropertiesAndIterateInOrder()
    {
        wrap(PROPERTIES, PROPERTIES.length);

        final List<String> seen = new ArrayList<>();
        while (reader.next())
        {
            seen.add(reader.name() + "=" + hex(copy(reader.buffer(), reader.valueOffset(), reader.valueLength())));
        }

        assertEquals(List.of("Socket-Type=53 55 42", "X-Custom=00 ff 80 7f", "Empty=", "IDENTITY=69 64"), seen);
        assertTrue(reader.find("x-custom"));
        assertEquals(4, reader.valueLength());
    }

    @Test
    void shouldRewindAndIterateAgain()
    {
        wrap(PROPERTIES, PROPERTIES.length);
        int first = 0;
        while (reader.next())
        {
            first++;
        }
        reader.rewind();
        int second = 0;
        while (reader.next())
        {
            second++;
        }

        assertEquals(4, first);
        assertEquals(4, second);
    }

    @Test
    void shouldFindFirstOfDuplicateProperties()
    {
        final byte[] bytes = wire("01 'a' 00 00 00 01 '1' 01 'A' 00 00 00 01 '2'");
        wrap(bytes, bytes.length);

        assertTrue(reader.find("A"));
        assertEquals("1", reader.valueAsString());
    }

    @Test
    void shouldAcceptEmptyMetadata()
    {
        reader.wrap(new UnsafeBuffer(new byte[0]), 0, 0);

        assertFalse(reader.next());
        assertFalse(reader.find("Socket-Type"));
    }

    @Test
    void shouldRejectEveryTruncationInsideAProperty()
    {
        int rejected = 0;
        for (int length = 0; length <= PROPERTIES.length; length++)
        {
            final int cut = length;
            if (java.util.Arrays.binarySearch(BOUNDARIES, cut) >= 0)
            {
                wrap(PROPERTIES, cut);
                continue;
            }
            final ZmtpProtocolException e =
                assertThrows(ZmtpProtocolException.class, () -> wrap(PROPERTIES, cut), "cut at " + cut);
            assertEquals(ZmtpError.MALFORMED_METADATA, e.error(), "cut at " + cut);
            assertEquals(ZmtpProtocolException.NO_OFFSET, e.offset());
            rejected++;
        }
        assertEquals(PROPERTIES.length + 1 - BOUNDARIES.length, rejected);
    }

    @Test
    void shouldRejectMalformedPropertiesBeforeAnyIsRead()
    {
        // the first property is fine, the last is broken: wrap() must refuse the whole region
        final byte[] bytes = concat(wire("01 'a' 00 00 00 01 '1'"), wire("01 'b' 00 00 00 09 'short'"));

        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> wrap(bytes, bytes.length));

        assertEquals(ZmtpError.MALFORMED_METADATA, e.error());
    }

    @Test
    void shouldRejectEmptyPropertyName()
    {
        final byte[] bytes = wire("00 00 00 00 00");

        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> wrap(bytes, bytes.length));

        assertEquals(ZmtpError.MALFORMED_METADATA, e.error());
    }

    @Test
    void shouldRejectValueLengthsThatDoNotFitAnInt()
    {
        for (final String length : new String[] {"FF FF FF FF", "80 00 00 00", "7F FF FF FF"})
        {
            final byte[] bytes = wire("01 'a' " + length + " 'xyz'");

            final ZmtpProtocolException e =
                assertThrows(ZmtpProtocolException.class, () -> wrap(bytes, bytes.length), length);

            assertEquals(ZmtpError.MALFORMED_METADATA, e.error(), length);
        }
    }

    @Test
    void shouldEncodePropertiesByteExactly()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);

        int position = MetadataEncoder.putProperty(out, 0, "Socket-Type", "SUB");
        position += MetadataEncoder.putProperty(out, position, "X-Custom", new UnsafeBuffer(wire("EE 00 FF 80 7F")),
            1, 4);

        assertEquals(
            hex(concat(wire("0B 'Socket-Type' 00 00 00 03 'SUB'"), wire("08 'X-Custom' 00 00 00 04 00 FF 80 7F"))),
            hex(copy(out, 0, position)));
        assertEquals(19, MetadataEncoder.propertyLength("Socket-Type", 3));
    }

    @Test
    void shouldRefuseToEncodeEmptyOrOverlongNames()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);

        assertThrows(IllegalArgumentException.class, () -> MetadataEncoder.putProperty(out, 0, "", "x"));
        assertThrows(IllegalArgumentException.class, () -> MetadataEncoder.putProperty(out, 0, "n".repeat(256), "x"));

        final int length = MetadataEncoder.putProperty(out, 0, "n".repeat(255), "x");
        assertEquals(1 + 255 + 4 + 1, length);
        assertEquals(0xFF, out.getByte(0) & 0xFF);
    }

    @Test
    void shouldRoundTripReadyThroughReader()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[128]);
        final int length = MetadataEncoder.encodeReady(out, 0, "PUSH", new UnsafeBuffer(ascii("worker-7")), 0, 8);
        final CommandFlyweight command = Commands.decodeCommand(copy(out, 0, length));

        reader.wrap(command.buffer(), command.dataOffset(), command.dataLength());

        assertTrue(reader.find("socket-type"));
        assertEquals("PUSH", reader.valueAsString());
        assertTrue(reader.find("identity"));
        assertEquals("worker-7", reader.valueAsString());
    }
}
