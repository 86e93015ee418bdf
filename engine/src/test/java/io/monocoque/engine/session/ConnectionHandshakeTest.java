package io.monocoque.engine.session;

import io.monocoque.codec.command.MetadataEncoder;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.EndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a connection's handshake ends, against a scripted peer over an in-memory channel: active with the peer's type
 * and identity known, or closed with a reason that names what the peer did wrong (not ZMTP, another mechanism, an
 * incompatible socket type, ERROR, something other than READY, a refusal by the socket), or closed by
 * {@code onTimer} once {@code handshakeIvlMs} has passed, with time given through {@code nowNs}.
 */
class ConnectionHandshakeTest
{
    private static final long HANDSHAKE_IVL_MS = 500;
    private static final long HANDSHAKE_IVL_NS = TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_IVL_MS);
    private static final long START_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int BUFFER = 1024;

    private final RecordingOwner owner = new RecordingOwner(SocketType.DEALER);
    private final ScriptedPeer peer = new ScriptedPeer();
    private Connection connection = connection(HANDSHAKE_IVL_MS);

    @AfterEach
    void free()
    {
        connection.close("test over");
        connection.free();
    }

    @Test
    void shouldSendItsGreetingAtOnceAndReadyOnlyAfterThePeersGreeting()
    {
        connection.start(peer.channel(), 1, START_NS);
        connection.flush();
        assertTrue(peer.receivedNullGreeting());
        assertEquals(List.of(), peer.receivedCommandNames(), "no READY before the peer's greeting");

        peer.greeting();
        connection.onReadable();
        connection.flush();

        assertEquals(Connection.State.HANDSHAKE, connection.state());
        final List<ScriptedPeer.Command> commands = peer.receivedCommands();
        assertEquals(1, commands.size());
        assertEquals("READY", commands.get(0).name());
        assertEquals("DEALER", commands.get(0).property(MetadataEncoder.SOCKET_TYPE));
    }

    @Test
    void shouldBecomeActiveWithThePeersTypeAndIdentityOnItsReady()
    {
        connection.start(peer.channel(), 1, START_NS);

        peer.handshake(connection, "ROUTER", ascii("peer-1"));

        assertEquals(Connection.State.ACTIVE, connection.state());
        assertEquals(SocketType.ROUTER, connection.peerType());
        assertArrayEquals(ascii("peer-1"), connection.peerIdentity());
        assertFalse(connection.isPeerZmtp30());
        assertEquals(1, owner.readyCount);
        assertEquals(0, owner.lostCount);
    }

    @Test
    void shouldRefuseAPeerIdentityLongerThan255Bytes()
    {
        connection.start(peer.channel(), 1, START_NS);
        final byte[] identity = new byte[256];
        Arrays.fill(identity, (byte)'i');

        peer.handshake(connection, "ROUTER", identity);

        assertClosed("peer identity of 256 bytes is longer than ZeroMQ's limit of 255");
        assertEquals(0, owner.readyCount, "the socket never hears of the peer");
    }

    @Test
    void shouldAcceptAPeerIdentityOfExactly255Bytes()
    {
        connection.start(peer.channel(), 1, START_NS);
        final byte[] identity = new byte[255];
        Arrays.fill(identity, (byte)'i');

        peer.handshake(connection, "ROUTER", identity);

        assertEquals(Connection.State.ACTIVE, connection.state());
        assertArrayEquals(identity, connection.peerIdentity());
    }

    @Test
    void shouldCloseNamingTheFirstByteWhenThePeerDoesNotSpeakZmtp()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.send(ascii("GET / HTTP/1.1\r\n\r\n"));

        assertEquals(-1, connection.onReadable());

        assertClosed("bad greeting signature: first byte is 0x47");
        assertFalse(peer.channel().isOpen());
    }

    @Test
    void shouldCloseNamingTheMechanismWhenThePeerProposesAnotherOne()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.greeting("PLAIN", 1).ready("ROUTER");

        connection.onReadable();

        assertClosed("peer proposes PLAIN, this socket runs NULL");
    }

    @Test
    void shouldRefuseAPeerOfAnIncompatibleSocketType()
    {
        connection.start(peer.channel(), 1, START_NS);

        peer.handshake(connection, "PUSH", new byte[0]);

        assertClosed("incompatible socket type: DEALER cannot talk to PUSH");
        assertEquals(0, owner.readyCount, "the socket never hears of the peer");
    }

    @Test
    void shouldRefuseAPeerOfAnUnknownSocketType()
    {
        connection.start(peer.channel(), 1, START_NS);

        peer.handshake(connection, "BOGUS", new byte[0]);

        assertClosed("unknown peer socket type 'BOGUS'");
    }

    @Test
    void shouldRefuseReadyWithoutSocketType()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.greeting().command("READY", new byte[0]);

        connection.onReadable();

        assertClosed("READY has no Socket-Type property");
    }

    @Test
    void shouldCloseWithThePeersReasonWhenItSendsErrorDuringTheHandshake()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.greeting().error("access denied");

        connection.onReadable();

        assertEquals(Connection.State.CLOSED, connection.state());
        assertEquals("peer refused the handshake: access denied", connection.closeReason());
        assertEquals(1, owner.lostCount);
        assertFalse(connection.closedOrdinarily(), "a refused handshake is worth reporting");
    }

    @Test
    void shouldCloseWhenThePeerSendsAnotherCommandInsteadOfReady()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.greeting().ping("x");

        connection.onReadable();

        assertClosed("expected READY, got PING");
    }

    @Test
    void shouldCloseWhenThePeerSendsAMessageBeforeReady()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.greeting().message("too early");

        connection.onReadable();

        assertClosed("message before the handshake finished");
        assertEquals(List.of(), owner.messages);
    }

    @Test
    void shouldCloseWithTheSocketsReasonWhenItRefusesThePeer()
    {
        owner.refusePeers("PAIR socket already has a peer");
        connection.start(peer.channel(), 1, START_NS);

        peer.handshake(connection, "DEALER", new byte[0]);

        assertEquals(Connection.State.CLOSED, connection.state());
        assertEquals("PAIR socket already has a peer", connection.closeReason());
        assertEquals(1, owner.lostCount);
    }

    @Test
    void shouldCloseAGreetingThatDidNotCompleteWithinTheHandshakeInterval()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.send(Arrays.copyOf(ScriptedPeer.nullGreeting(), 10)); // part of a greeting, then silence
        connection.onReadable();

        assertEquals(0, connection.onTimer(START_NS + HANDSHAKE_IVL_NS - 1));
        assertEquals(Connection.State.GREETING, connection.state());

        assertEquals(1, connection.onTimer(START_NS + HANDSHAKE_IVL_NS));

        assertEquals(Connection.State.CLOSED, connection.state());
        assertEquals("handshake did not complete within 500 ms", connection.closeReason());
        assertEquals(1, owner.lostCount);
        assertFalse(peer.channel().isOpen());
    }

    @Test
    void shouldCloseAHandshakeThatGotTheGreetingButNoReadyInTime()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.greeting();
        connection.onReadable();
        assertEquals(Connection.State.HANDSHAKE, connection.state());

        assertEquals(0, connection.onTimer(START_NS + HANDSHAKE_IVL_NS - 1));
        assertEquals(1, connection.onTimer(START_NS + HANDSHAKE_IVL_NS));

        assertEquals("handshake did not complete within 500 ms", connection.closeReason());
    }

    @Test
    void shouldNotCloseACompletedHandshakeLater()
    {
        connection.start(peer.channel(), 1, START_NS);
        peer.handshake(connection, "ROUTER", new byte[0]);

        assertEquals(0, connection.onTimer(START_NS + TimeUnit.HOURS.toNanos(1)));

        assertTrue(connection.isActive());
    }

    @Test
    void shouldGiveEachNewSessionTheWholeHandshakeInterval()
    {
        connection.start(peer.channel(), 1, START_NS);
        connection.onTimer(START_NS + HANDSHAKE_IVL_NS);
        assertEquals(Connection.State.CLOSED, connection.state());

        final long restartNs = START_NS + TimeUnit.SECONDS.toNanos(10);
        final ScriptedPeer next = new ScriptedPeer();
        connection.start(next.channel(), 2, restartNs);

        assertEquals(0, connection.onTimer(restartNs + HANDSHAKE_IVL_NS - 1));
        assertEquals(Connection.State.GREETING, connection.state());
        assertEquals(1, connection.onTimer(restartNs + HANDSHAKE_IVL_NS));
    }

    @Test
    void shouldTimeTheHandshakeCorrectlyAcrossTheWrapOfTheClock()
    {
        final long nearWrapNs = Long.MAX_VALUE - HANDSHAKE_IVL_NS / 2;
        connection.start(peer.channel(), 1, nearWrapNs);

        assertEquals(0, connection.onTimer(nearWrapNs + HANDSHAKE_IVL_NS - 1), "the clock wrapped: not yet due");
        assertEquals(1, connection.onTimer(nearWrapNs + HANDSHAKE_IVL_NS));
    }

    @Test
    void shouldNeverTimeOutTheHandshakeWhenTheIntervalIsZero()
    {
        connection.free();
        connection = connection(0);
        connection.start(peer.channel(), 1, START_NS);

        assertEquals(0, connection.onTimer(START_NS + TimeUnit.DAYS.toNanos(365)));

        assertEquals(Connection.State.GREETING, connection.state());
    }

    private Connection connection(final long handshakeIvlMs)
    {
        final EndpointConfig config = new EndpointConfig(SocketType.DEALER, new byte[0],
            EndpointConfig.DEFAULT_RECONNECT_IVL_MS, 0, -1, handshakeIvlMs);
        return new Connection(owner, config, "tcp://127.0.0.1:5555", BUFFER, BUFFER, new StagingBuffer(BUFFER));
    }

    private void assertClosed(final String reasonPart)
    {
        assertEquals(Connection.State.CLOSED, connection.state());
        final String reason = connection.closeReason();
        assertTrue(reason != null && reason.contains(reasonPart), "close reason: " + reason);
        assertEquals(1, owner.lostCount, "the socket is told once");
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
