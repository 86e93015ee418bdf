package io.monocoque.codec.command;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.monocoque.codec.Wire.concat;
import static io.monocoque.codec.Wire.filled;
import static io.monocoque.codec.Wire.wire;
import static io.monocoque.codec.command.Commands.decodeCommand;
import static io.monocoque.codec.command.Commands.wrapBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandFlyweightTest
{
    private static void assertMalformed(final byte[] body)
    {
        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> wrapBody(body));
        assertEquals(ZmtpError.MALFORMED_COMMAND, e.error(), e.getMessage());
    }

    @Test
    void shouldRejectEmptyCommandFrame()
    {
        final ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> decodeCommand(wire("04 00")));

        assertEquals(ZmtpError.MALFORMED_COMMAND, e.error());
    }

    @Test
    void shouldRejectZeroNameLength()
    {
        assertMalformed(wire("00 'PING'"));
        assertMalformed(wire("00"));
    }

    @Test
    void shouldRejectNameRunningPastTheBody()
    {
        assertMalformed(wire("05 'READ'"));
        assertMalformed(wire("FF 'x'"));
        assertMalformed(wire("01"));
    }

    @Test
    void shouldAcceptNameFillingTheWholeBody()
    {
        final CommandFlyweight command = wrapBody(wire("05 'READY'"));

        assertEquals(CommandType.READY, command.type());
        assertEquals(0, command.dataLength());
    }

    @Test
    void shouldReportUnknownCommandWithItsName()
    {
        final CommandFlyweight command = wrapBody(wire("05 'HELLO' 01 02 03"));

        assertEquals(CommandType.UNKNOWN, command.type());
        assertEquals("HELLO", command.name());
        assertEquals(3, command.dataLength());
        assertEquals(6, command.dataOffset());
    }

    @Test
    void shouldMatchCommandNamesExactly()
    {
        assertEquals(CommandType.UNKNOWN, wrapBody(wire("05 'ready'")).type(), "names are case-sensitive");
        assertEquals(CommandType.UNKNOWN, wrapBody(wire("04 'READY'")).type(), "prefix READ is not READY");
        assertEquals(CommandType.UNKNOWN, wrapBody(wire("06 'READYX'")).type());
        assertEquals(CommandType.UNKNOWN, wrapBody(wire("04 'JOIN' 'grp'")).type(), "RFC 37 JOIN is not handled");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19, 40})
    void shouldRejectPingWithBadDataLength(final int dataLength)
    {
        assertMalformed(concat(wire("04 'PING'"), filled(dataLength, 1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 17, 18})
    void shouldAcceptPingWithTtlAndUpToSixteenBytesOfContext(final int dataLength)
    {
        final CommandFlyweight command = wrapBody(concat(wire("04 'PING'"), filled(dataLength, 1)));

        assertEquals(CommandType.PING, command.type());
        assertEquals(0x0101, command.pingTtlDeciseconds());
        assertEquals(dataLength - 2, command.pingContextLength());
    }

    @Test
    void shouldRejectPongWithContextOverSixteenBytes()
    {
        assertMalformed(concat(wire("04 'PONG'"), filled(17, 1)));
        assertEquals(16, wrapBody(concat(wire("04 'PONG'"), filled(16, 1))).dataLength());
        assertEquals(0, wrapBody(wire("04 'PONG'")).dataLength());
    }

    @Test
    void shouldRejectErrorWhoseReasonLengthDoesNotMatch()
    {
        assertMalformed(wire("05 'ERROR'"));
        assertMalformed(wire("05 'ERROR' 05 'bad'"));
        assertMalformed(wire("05 'ERROR' 02 'bad'"));
        assertMalformed(wire("05 'ERROR' FF"));
        assertEquals("bad", wrapBody(wire("05 'ERROR' 03 'bad'")).errorReason());
    }

    @Test
    void shouldNotValidateDataOfCommandsWithFreeFormData()
    {
        assertEquals(CommandType.SUBSCRIBE, wrapBody(concat(wire("09 'SUBSCRIBE'"), filled(1000, 0xFF))).type());
        assertEquals(CommandType.CANCEL, wrapBody(wire("06 'CANCEL'")).type());
    }

    @Test
    void shouldBeReusableAcrossWraps()
    {
        final CommandFlyweight command = new CommandFlyweight();
        command.wrap(new UnsafeBuffer(wire("04 'PING' 00 05 'ab'")), 0, 9);
        assertEquals(5, command.pingTtlDeciseconds());

        final byte[] second = wire("FF FF 04 'PONG' 'z'");
        command.wrap(new UnsafeBuffer(second), 2, 6);

        assertEquals(CommandType.PONG, command.type());
        assertEquals(7, command.dataOffset());
        assertEquals(1, command.dataLength());
    }

    @Test
    void shouldRefuseToEncodeInvalidCommands()
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer context = new UnsafeBuffer(new byte[32]);

        assertThrows(IllegalArgumentException.class, () -> CommandEncoder.encodePing(out, 0, 1, context, 0, 17));
        assertThrows(IllegalArgumentException.class, () -> CommandEncoder.encodePing(out, 0, -1, context, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> CommandEncoder.encodePing(out, 0, 0x10000, context, 0, 0));
        assertThrows(IllegalArgumentException.class,
            () -> CommandEncoder.encode(out, 0, CommandType.UNKNOWN, context, 0, 0));
    }
}
