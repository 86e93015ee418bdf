package io.monocoque.engine.session;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataEncoder;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.Mechanism;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NULL mechanism on its own: it accepts only a peer greeting proposing NULL (naming any other), writes READY
 * with Socket-Type and Identity once per session and only after the peer's greeting, completes on the peer's READY
 * and nothing else, and exposes the peer's metadata.
 */
class NullHandshakeTest
{
    private static final int CAPACITY = 512;

    private final NullHandshake handshake = new NullHandshake("DEALER", ascii("client-7"));
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[CAPACITY]);

    @Test
    void shouldProposeNullAsClient()
    {
        assertEquals(Mechanism.NULL, handshake.mechanism());
        assertFalse(handshake.asServer());
        assertSame(FrameTransform.IDENTITY, handshake.transform());
    }

    @Test
    void shouldRefuseAPeerGreetingWithAnotherMechanismNamingIt()
    {
        final ZmtpProtocolException refusal =
            assertThrows(ZmtpProtocolException.class, () -> handshake.onPeerGreeting(greeting("CURVE")));

        assertEquals(ZmtpError.UNSUPPORTED_MECHANISM, refusal.error());
        assertTrue(refusal.getMessage().contains("peer proposes CURVE, this socket runs NULL"), refusal.getMessage());
        assertEquals(0, handshake.nextCommands(out, 0, CAPACITY), "no READY for a refused greeting");
    }

    @Test
    void shouldNameAMechanismItDoesNotKnow()
    {
        final ZmtpProtocolException refusal =
            assertThrows(ZmtpProtocolException.class, () -> handshake.onPeerGreeting(greeting("GSSAPI")));

        assertTrue(refusal.getMessage().contains("peer proposes GSSAPI"), refusal.getMessage());
    }

    @Test
    void shouldWriteReadyWithSocketTypeAndIdentityOnceAfterThePeersGreeting()
    {
        assertEquals(0, handshake.nextCommands(out, 0, CAPACITY), "nothing before the peer's greeting");

        handshake.onPeerGreeting(greeting("NULL"));
        final int length = handshake.nextCommands(out, 0, CAPACITY);

        assertEquals(MetadataEncoder.readyLength("DEALER", "client-7".length()), length);
        final CommandFlyweight ready = command(0, length);
        assertEquals(CommandType.READY, ready.type());
        final MetadataReader metadata = new MetadataReader().wrap(out, ready.dataOffset(), ready.dataLength());
        assertTrue(metadata.find(MetadataEncoder.SOCKET_TYPE));
        assertEquals("DEALER", metadata.valueAsString());
        assertTrue(metadata.find(MetadataEncoder.IDENTITY));
        assertEquals("client-7", metadata.valueAsString());

        assertEquals(0, handshake.nextCommands(out, length, CAPACITY - length), "READY is sent once");
    }

    @Test
    void shouldLeaveIdentityOutOfReadyWhenItHasNone()
    {
        final NullHandshake anonymous = new NullHandshake("PUSH", new byte[0]);
        anonymous.onPeerGreeting(greeting("NULL"));

        final int length = anonymous.nextCommands(out, 0, CAPACITY);

        final CommandFlyweight ready = command(0, length);
        final MetadataReader metadata = new MetadataReader().wrap(out, ready.dataOffset(), ready.dataLength());
        assertTrue(metadata.find(MetadataEncoder.SOCKET_TYPE));
        assertEquals("PUSH", metadata.valueAsString());
        assertFalse(metadata.find(MetadataEncoder.IDENTITY));
    }

    @Test
    void shouldWriteReadyAgainForANewSessionAfterReset()
    {
        handshake.onPeerGreeting(greeting("NULL"));
        handshake.nextCommands(out, 0, CAPACITY);
        handshake.onCommand(peerReady("ROUTER", ""), 0);

        handshake.reset();

        assertFalse(handshake.isComplete());
        assertEquals(0, handshake.nextCommands(out, 0, CAPACITY), "waits for the new peer's greeting");
        handshake.onPeerGreeting(greeting("NULL"));
        assertTrue(handshake.nextCommands(out, 0, CAPACITY) > 0);
    }

    @Test
    void shouldRefuseToWriteReadyIntoTooSmallABuffer()
    {
        handshake.onPeerGreeting(greeting("NULL"));

        assertThrows(IllegalStateException.class, () -> handshake.nextCommands(out, 0, 10));
    }

    @Test
    void shouldRefuseACommandOtherThanReadyNamingIt()
    {
        handshake.onPeerGreeting(greeting("NULL"));

        final ZmtpProtocolException subscribe = assertThrows(ZmtpProtocolException.class,
            () -> handshake.onCommand(peerCommand("SUBSCRIBE", new byte[]{'a'}), 64));
        final ZmtpProtocolException unknown = assertThrows(ZmtpProtocolException.class,
            () -> handshake.onCommand(peerCommand("HELLO", new byte[0]), 64));

        assertEquals(ZmtpError.UNEXPECTED_COMMAND, subscribe.error());
        assertTrue(subscribe.getMessage().contains("expected READY, got SUBSCRIBE"), subscribe.getMessage());
        assertEquals(64, subscribe.offset());
        assertTrue(unknown.getMessage().contains("expected READY, got HELLO"), unknown.getMessage());
        assertFalse(handshake.isComplete());
    }

    @Test
    void shouldCompleteOnThePeersReadyAndExposeItsMetadata()
    {
        handshake.onPeerGreeting(greeting("NULL"));
        assertFalse(handshake.isComplete());

        handshake.onCommand(peerReady("ROUTER", "server-1"), 64);

        assertTrue(handshake.isComplete());
        final MetadataReader metadata = handshake.peerMetadata();
        assertTrue(metadata.find(MetadataEncoder.SOCKET_TYPE));
        assertEquals("ROUTER", metadata.valueAsString());
        assertTrue(metadata.find(MetadataEncoder.IDENTITY));
        assertEquals("server-1", metadata.valueAsString());
    }

    private static GreetingDecoder greeting(final String mechanism)
    {
        final byte[] bytes = ScriptedPeer.greetingBytes(mechanism, 1);
        final GreetingDecoder decoder = new GreetingDecoder();
        decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length);
        assertTrue(decoder.isComplete());
        return decoder;
    }

    private CommandFlyweight command(final int offset, final int length)
    {
        final int header = FrameDescriptor.bodyOffset(out, offset) - offset;
        return new CommandFlyweight().wrap(out, offset + header, length - header);
    }

    private static CommandFlyweight peerReady(final String socketType, final String identity)
    {
        final byte[] id = ascii(identity);
        final UnsafeBuffer ready = new UnsafeBuffer(new byte[MetadataEncoder.readyLength(socketType, id.length)]);
        final int length = MetadataEncoder.encodeReady(ready, 0, socketType, new UnsafeBuffer(id), 0, id.length);
        final int header = FrameDescriptor.bodyOffset(ready, 0);
        return new CommandFlyweight().wrap(ready, header, length - header);
    }

    private static CommandFlyweight peerCommand(final String name, final byte[] data)
    {
        final UnsafeBuffer body = new UnsafeBuffer(new byte[1 + name.length() + data.length]);
        body.putByte(0, (byte)name.length());
        body.putStringWithoutLengthAscii(1, name);
        body.putBytes(1 + name.length(), data);
        return new CommandFlyweight().wrap(body, 0, body.capacity());
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
