package io.monocoque.engine.pattern;

import io.monocoque.codec.socket.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SUB or XSUB sends every subscription to a publisher exactly once per session, in order, whatever interrupts the
 * sending: a replay on (re)connect larger than the connection's staging buffer (the rest waits in the subscriber's
 * backlog), a kernel that takes a few bytes per write, a full kernel buffer, and a session that dies part-way
 * through, after which the reconnected session gets them all again, once. A subscription sent twice is counted twice
 * by the publisher (one unsubscribe no longer cancels it); one lost leaves the publisher not sending what was asked
 * for. Each case runs for ZMTP 3.1 peers (SUBSCRIBE/CANCEL commands) and ZMTP 3.0 peers ({@code 0x01}/{@code 0x00}
 * messages); the peer side counts exactly what arrives, in both forms.
 */
class SubscriptionReplayTest
{
    /** Subscriptions of this size overflow the fixture's 1 KiB staging buffer about three times. */
    private static final int SUBSCRIPTIONS = 40;
    private static final String PADDING = "-".repeat(50);
    /** Each write takes this many bytes, so that commands and messages are cut at arbitrary bytes. */
    private static final int SHORT_WRITE = 7;
    /** What the kernel takes of the first session before it dies: a few subscriptions and part of another. */
    private static final int CUT_AT_BYTES = 300;
    private static final int ZMTP_30 = 0;
    private static final int ZMTP_31 = 1;
    /** More duty cycles than sending everything in short writes needs; a test that runs out has stalled. */
    private static final int MAX_CYCLES = 100_000;

    static Stream<Arguments> subscribersAndPeerVersions()
    {
        return Stream.of(
            Arguments.of(SocketType.SUB, ZMTP_31),
            Arguments.of(SocketType.SUB, ZMTP_30),
            Arguments.of(SocketType.XSUB, ZMTP_31),
            Arguments.of(SocketType.XSUB, ZMTP_30));
    }

    @ParameterizedTest(name = "{0} to a ZMTP 3.{1} peer")
    @MethodSource("subscribersAndPeerVersions")
    void shouldSendEverySubscriptionOnceWhenTheReplayOnConnectOverflowsTheOutboundBuffer(
        final SocketType type, final int versionMinor)
    {
        try (PatternFixture fixture = new PatternFixture(type))
        {
            subscribeAll(fixture); // before any publisher: kept, sent at each handshake
            final PatternFixture.Peer peer = connect(fixture, versionMinor);
            peer.remote.channel().maxBytesPerWrite(SHORT_WRITE);

            sendEverything(fixture, peer);

            assertEquals(expectedSubscriptions(), peer.remote.receivedSubscriptions());
        }
    }

    @ParameterizedTest(name = "{0} to a ZMTP 3.{1} peer")
    @MethodSource("subscribersAndPeerVersions")
    void shouldSendEverySubscriptionOnceAfterAReconnectThatCutTheLastSessionsReplayShort(
        final SocketType type, final int versionMinor)
    {
        try (PatternFixture fixture = new PatternFixture(type))
        {
            subscribeAll(fixture);
            final PatternFixture.Peer first = connect(fixture, versionMinor);
            first.remote.channel().sendRoom(0);
            first.flush(); // the greeting and READY went at connect; the kernel now takes nothing
            first.remote.channel().sendRoom(CUT_AT_BYTES);
            sendSome(fixture, first);
            final List<String> beforeTheCut = first.remote.receivedSubscriptions();
            assertTrue(!beforeTheCut.isEmpty() && beforeTheCut.size() < SUBSCRIPTIONS, beforeTheCut.toString());
            first.leave();

            final PatternFixture.Peer second = fixture.reconnect(first, SocketType.PUB, versionMinor);
            second.remote.channel().maxBytesPerWrite(SHORT_WRITE);
            sendEverything(fixture, second);

            assertEquals(expectedSubscriptions(), second.remote.receivedSubscriptions(),
                "the new session gets every subscription once, whatever the last one took");
        }
    }

    @ParameterizedTest(name = "XSUB to a ZMTP 3.{0} peer")
    @ValueSource(ints = {ZMTP_31, ZMTP_30})
    void xsubShouldSendEverySubscriptionOnceWhenItWaitedBehindAFullOutboundBuffer(final int versionMinor)
    {
        try (PatternFixture fixture = new PatternFixture(SocketType.XSUB))
        {
            final PatternFixture.Peer peer = connect(fixture, versionMinor);
            final List<String> filler = peer.stall();
            subscribeAll(fixture);
            fixture.subscription(false, prefix(0));
            fixture.drain(); // nothing fits: every change waits, in order, in the backlog
            peer.unstall();
            peer.remote.channel().maxBytesPerWrite(SHORT_WRITE);

            sendEverything(fixture, peer);

            final List<String> expected = expectedSubscriptions();
            expected.add("-" + prefix(0));
            assertEquals(expected, peer.remote.receivedSubscriptions());
            assertEquals(List.of(filler), peer.remote.receivedMessages().stream()
                .filter(message -> message.size() > 1).toList(), "the message staged before them, once");
        }
    }

    @ParameterizedTest(name = "XSUB to a ZMTP 3.{0} peer")
    @ValueSource(ints = {ZMTP_31, ZMTP_30})
    void xsubShouldSendAgainItsUnsentMessagesButEachSubscriptionOnceAfterAReconnect(final int versionMinor)
    {
        try (PatternFixture fixture = new PatternFixture(SocketType.XSUB))
        {
            final PatternFixture.Peer first = connect(fixture, versionMinor);
            first.remote.channel().sendRoom(0);
            fixture.subscription(true, prefix(0));
            fixture.send(0, "data", "staged behind a subscription");
            fixture.subscription(true, prefix(1));
            fixture.drain(); // all three staged, none taken by the kernel
            first.flush();
            first.leave();

            final PatternFixture.Peer second = fixture.reconnect(first, SocketType.PUB, versionMinor);
            sendEverything(fixture, second);

            assertEquals(List.of("+" + prefix(0), "+" + prefix(1)), second.remote.receivedSubscriptions(),
                "the replay sends each subscription once; the last session's unsent ones are not sent again");
            assertEquals(List.of(List.of("data", "staged behind a subscription")), second.remote.receivedMessages()
                .stream().filter(message -> message.size() > 1).toList(), "the unsent message, once");
        }
    }

    private static PatternFixture.Peer connect(final PatternFixture fixture, final int versionMinor)
    {
        return versionMinor == ZMTP_30 ? fixture.connectZmtp30(SocketType.PUB) : fixture.connect(SocketType.PUB);
    }

    private static void subscribeAll(final PatternFixture fixture)
    {
        for (int i = 0; i < SUBSCRIPTIONS; i++)
        {
            fixture.subscription(true, prefix(i));
        }
        fixture.drain();
    }

    /** Run the agent's duty cycle (drain the send ring and the backlog, flush) until nothing moves. */
    private static void sendEverything(final PatternFixture fixture, final PatternFixture.Peer peer)
    {
        for (int cycle = 0; cycle < MAX_CYCLES; cycle++)
        {
            if (fixture.drain() + peer.connection.flush() == 0)
            {
                return;
            }
        }
        throw new AssertionError("still sending after " + MAX_CYCLES + " duty cycles");
    }

    /** A few duty cycles: the kernel's room runs out part-way, with subscriptions still in the backlog. */
    private static void sendSome(final PatternFixture fixture, final PatternFixture.Peer peer)
    {
        sendEverything(fixture, peer);
        assertTrue(peer.connection.staging().hasPending(), "the kernel's room ran out before the replay's end");
    }

    private static List<String> expectedSubscriptions()
    {
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++)
        {
            expected.add("+" + prefix(i));
        }
        return expected;
    }

    private static String prefix(final int i)
    {
        return String.format("topic-%02d%s", i, PADDING);
    }
}
