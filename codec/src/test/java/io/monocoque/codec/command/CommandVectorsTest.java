package io.monocoque.codec.command;

import io.monocoque.codec.socket.SocketType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.monocoque.codec.Wire.ascii;
import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.copy;
import static io.monocoque.codec.Wire.filled;
import static io.monocoque.codec.Wire.hex;
import static io.monocoque.codec.Wire.wire;
import static io.monocoque.codec.command.Commands.decodeCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands written by hand from RFC 23 / RFC 37: {@code 04 size name-length name data}, with the data layouts of
 * READY (metadata: name-length, name, 4-octet big-endian value-length, value), SUBSCRIBE, CANCEL, PING (2-octet TTL
 * then context), PONG (context) and ERROR (1-octet reason length then reason). Each is checked both ways.
 */
class CommandVectorsTest
{
    static final byte[] READY_DEALER_ABC = wire(
        "04 2C 05 'READY' 0B 'Socket-Type' 00 00 00 06 'DEALER' 08 'Identity' 00 00 00 03 'abc'");
    static final byte[] READY_ROUTER = wire("04 1C 05 'READY' 0B 'Socket-Type' 00 00 00 06 'ROUTER'");
    static final byte[] SUBSCRIBE_TOPIC = wire("04 0F 09 'SUBSCRIBE' 'topic'");
    static final byte[] SUBSCRIBE_ALL = wire("04 0A 09 'SUBSCRIBE'");
    static final byte[] CANCEL_TOPIC = wire("04 0C 06 'CANCEL' 'topic'");
    static final byte[] PING_300_CTX = wire("04 0A 04 'PING' 01 2C 'ctx'");
    static final byte[] PING_0 = wire("04 07 04 'PING' 00 00");
    static final byte[] PONG_CTX = wire("04 08 04 'PONG' 'ctx'");
    static final byte[] ERROR_BAD = wire("04 0A 05 'ERROR' 03 'bad'");

    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);

    private String written(final int length)
    {
        return hex(copy(out, 0, length));
    }

    @Test
    void shouldEncodeReadyWithSocketTypeAndIdentity()
    {
        final int length = MetadataEncoder.encodeReady(out, 0, "DEALER", new UnsafeBuffer(ascii("abc")), 0, 3);

        assertEquals(hex(READY_DEALER_ABC), written(length));
        assertEquals(READY_DEALER_ABC.length, MetadataEncoder.readyLength("DEALER", 3));
    }

    @Test
    void shouldEncodeReadyWithoutIdentityWhenEmpty()
    {
        final int length = MetadataEncoder.encodeReady(out, 0, "ROUTER", null, 0, 0);

        assertEquals(hex(READY_ROUTER), written(length));
        assertEquals(READY_ROUTER.length, MetadataEncoder.readyLength("ROUTER", 0));
    }

    @Test
    void shouldEncodeReadyWithLongIdentityAsLongCommandFrame()
    {
        final byte[] identity = filled(255, 'i');
        final int length = MetadataEncoder.encodeReady(out, 0, "DEALER", new UnsafeBuffer(identity), 0, 255);

        final byte[] expected = concat(
            wire("06 00 00 00 00 00 00 01 28 05 'READY' 0B 'Socket-Type' 00 00 00 06 'DEALER'"),
            wire("08 'Identity' 00 00 00 FF"), identity);
        assertEquals(hex(expected), written(length));
        assertEquals(expected.length, MetadataEncoder.readyLength("DEALER", 255));
    }

    @Test
    void shouldDecodeReadyMetadata()
    {
        final CommandFlyweight command = decodeCommand(READY_DEALER_ABC);

        assertEquals(CommandType.READY, command.type());
        assertEquals("READY", command.name());
        assertEquals(44 - 6, command.dataLength());
        final MetadataReader metadata =
            new MetadataReader().wrap(command.buffer(), command.dataOffset(), command.dataLength());

        assertTrue(metadata.find("Socket-Type"));
        assertTrue(metadata.valueEquals("DEALER"));
        assertEquals(SocketType.DEALER,
            SocketType.fromWireName(metadata.buffer(), metadata.valueOffset(), metadata.valueLength()));
        assertTrue(metadata.find("Identity"));
        assertEquals("abc", metadata.valueAsString());
        assertEquals(3, metadata.valueLength());
    }

    @Test
    void shouldDecodeReadyWithLongIdentity()
    {
        final byte[] identity = filled(255, 'i');
        final int length = MetadataEncoder.encodeReady(out, 0, "DEALER", new UnsafeBuffer(identity), 0, 255);
        final CommandFlyweight command = decodeCommand(copy(out, 0, length));

        final MetadataReader metadata =
            new MetadataReader().wrap(command.buffer(), command.dataOffset(), command.dataLength());
        assertTrue(metadata.find("identity"));
        assertEquals(hex(identity), hex(copy(metadata.buffer(), metadata.valueOffset(), metadata.valueLength())));
    }

    @Test
    void shouldEncodeSubscribe()
    {
        final int length = CommandEncoder.encode(out, 0, CommandType.SUBSCRIBE, new UnsafeBuffer(ascii("topic")), 0, 5);

        assertEquals(hex(SUBSCRIBE_TOPIC), written(length));
        assertEquals(SUBSCRIBE_TOPIC.length, CommandEncoder.commandLength(CommandType.SUBSCRIBE, 5));
    }

    @Test
    void shouldEncodeSubscribeToEverything()
    {
        final int length = CommandEncoder.encode(out, 0, CommandType.SUBSCRIBE, new UnsafeBuffer(new byte[0]), 0, 0);

        assertEquals(hex(SUBSCRIBE_ALL), written(length));
    }

    @Test
    void shouldDecodeSubscribe()
    {
        final CommandFlyweight command = decodeCommand(SUBSCRIBE_TOPIC);

        assertEquals(CommandType.SUBSCRIBE, command.type());
        assertEquals("SUBSCRIBE", command.name());
        assertEquals(hex(ascii("topic")), hex(copy(command.buffer(), command.dataOffset(), command.dataLength())));

        final CommandFlyweight all = decodeCommand(SUBSCRIBE_ALL);
        assertEquals(CommandType.SUBSCRIBE, all.type());
        assertEquals(0, all.dataLength());
    }

    @Test
    void shouldEncodeCancel()
    {
        final int length = CommandEncoder.encode(out, 0, CommandType.CANCEL, new UnsafeBuffer(ascii("topic")), 0, 5);

        assertEquals(hex(CANCEL_TOPIC), written(length));
    }

    @Test
    void shouldDecodeCancel()
    {
        final CommandFlyweight command = decodeCommand(CANCEL_TOPIC);

        assertEquals(CommandType.CANCEL, command.type());
        assertEquals(hex(ascii("topic")), hex(copy(command.buffer(), command.dataOffset(), command.dataLength())));
    }

    @Test
    void shouldEncodePingWithBigEndianTtlAndContext()
    {
        final int length = CommandEncoder.encodePing(out, 0, 300, new UnsafeBuffer(ascii("ctx")), 0, 3);
        assertEquals(hex(PING_300_CTX), written(length));

        final int empty = CommandEncoder.encodePing(out, 0, 0, null, 0, 0);
        assertEquals(hex(PING_0), written(empty));

        final int max = CommandEncoder.encodePing(out, 0, 0xFFFF, new UnsafeBuffer(filled(16, 'c')), 0, 16);
        assertEquals(hex(concat(wire("04 17 04 'PING' FF FF"), filled(16, 'c'))), written(max));
    }

    @Test
    void shouldDecodePing()
    {
        final CommandFlyweight command = decodeCommand(PING_300_CTX);

        assertEquals(CommandType.PING, command.type());
        assertEquals(300, command.pingTtlDeciseconds());
        assertEquals(3, command.pingContextLength());
        assertEquals(hex(ascii("ctx")),
            hex(copy(command.buffer(), command.pingContextOffset(), command.pingContextLength())));

        final CommandFlyweight bare = decodeCommand(PING_0);
        assertEquals(0, bare.pingTtlDeciseconds());
        assertEquals(0, bare.pingContextLength());

        assertEquals(0xFFFF, decodeCommand(wire("04 07 04 'PING' FF FF")).pingTtlDeciseconds(), "TTL is unsigned");
    }

    @Test
    void shouldEncodePong()
    {
        final int length = CommandEncoder.encode(out, 0, CommandType.PONG, new UnsafeBuffer(ascii("ctx")), 0, 3);

        assertEquals(hex(PONG_CTX), written(length));
    }

    @Test
    void shouldDecodePong()
    {
        final CommandFlyweight command = decodeCommand(PONG_CTX);

        assertEquals(CommandType.PONG, command.type());
        assertEquals(hex(ascii("ctx")), hex(copy(command.buffer(), command.dataOffset(), command.dataLength())));
    }

    @Test
    void shouldEncodeError()
    {
        final int length = CommandEncoder.encodeError(out, 0, "bad");

        assertEquals(hex(ERROR_BAD), written(length));
    }

    @Test
    void shouldDecodeError()
    {
        final CommandFlyweight command = decodeCommand(ERROR_BAD);

        assertEquals(CommandType.ERROR, command.type());
        assertEquals("bad", command.errorReason());

        assertEquals("", decodeCommand(wire("04 07 05 'ERROR' 00")).errorReason());
    }

    @Test
    void shouldTruncateErrorReasonTo255BytesAndReplaceNonAscii()
    {
        final String reason = "\u00e9" + "r".repeat(300);

        final int length = CommandEncoder.encodeError(out, 0, reason);

        final byte[] expected = concat(
            wire("06 00 00 00 00 00 00 01 06 05 'ERROR' FF '?'"), filled(254, 'r'));
        assertEquals(hex(expected), written(length));
        final CommandFlyweight command = decodeCommand(expected);
        assertEquals("?" + "r".repeat(254), command.errorReason());
    }

    @Test
    void shouldWriteCommandsAtAnOffsetWithoutTouchingNeighbours()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(filled(32, 0xEE));

        final int length = CommandEncoder.encode(buffer, 3, CommandType.PONG, new UnsafeBuffer(ascii("xyz")), 1, 2);

        assertEquals(hex(concat(filled(3, 0xEE), wire("04 07 04 'PONG' 'yz'"), filled(32 - 3 - length, 0xEE))),
            hex(copy(buffer, 0, 32)));
    }

    @Test
    void shouldDecodeCommandInLongFormEvenWhenSmall()
    {
        final CommandFlyweight command = decodeCommand(wire("06 00 00 00 00 00 00 00 08 04 'PONG' 'ctx'"));

        assertEquals(CommandType.PONG, command.type());
        assertEquals(3, command.dataLength());
    }
}
