package io.monocoque.codec.socket;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import static io.monocoque.codec.socket.SocketType.PUB;
import static io.monocoque.codec.socket.SocketType.SUB;
import static io.monocoque.codec.socket.SocketType.XPUB;
import static io.monocoque.codec.socket.SocketType.fromWireName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Valid pairs per RFC 28 (request-reply), RFC 29 (pub-sub), RFC 30 (pipeline), RFC 31 (exclusive pair). */
class SocketTypeTest
{
    private static final String[] VALID_PAIRS = {
        "REQ-REP", "REQ-ROUTER", "REP-DEALER", "DEALER-ROUTER", "DEALER-DEALER", "ROUTER-ROUTER",
        "PUB-SUB", "PUB-XSUB", "XPUB-SUB", "XPUB-XSUB",
        "PUSH-PULL",
        "PAIR-PAIR"};

    private static boolean expected(final SocketType a, final SocketType b)
    {
        for (final String pair : VALID_PAIRS)
        {
            if (pair.equals(a + "-" + b) || pair.equals(b + "-" + a))
            {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({"REQ, REP", "REQ, ROUTER", "DEALER, ROUTER", "DEALER, DEALER", "PUB, SUB", "XPUB, XSUB",
        "PUSH, PULL", "PAIR, PAIR", "REP, DEALER", "ROUTER, ROUTER", "PUB, XSUB", "XPUB, SUB"})
    void shouldAllowValidPairsBothWays(final SocketType a, final SocketType b)
    {
        assertTrue(a.isCompatibleWith(b), a + " -> " + b);
        assertTrue(b.isCompatibleWith(a), b + " -> " + a);
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({"REQ, REQ", "REP, REP", "PUSH, PUSH", "PULL, PULL", "PUB, PUB", "SUB, SUB", "XPUB, XPUB",
        "XSUB, XSUB", "PAIR, DEALER", "PAIR, ROUTER", "REQ, DEALER", "REP, ROUTER", "PUB, PULL", "SUB, PUSH",
        "PUSH, SUB", "PUB, DEALER", "REQ, PAIR"})
    void shouldRefuseInvalidPairsBothWays(final SocketType a, final SocketType b)
    {
        assertFalse(a.isCompatibleWith(b), a + " -> " + b);
        assertFalse(b.isCompatibleWith(a), b + " -> " + a);
    }

    @Test
    void shouldMatchTheFullMatrixAndBeSymmetric()
    {
        int allowed = 0;
        for (final SocketType a : SocketType.values())
        {
            for (final SocketType b : SocketType.values())
            {
                assertEquals(expected(a, b), a.isCompatibleWith(b), a + " -> " + b);
                assertEquals(a.isCompatibleWith(b), b.isCompatibleWith(a), "symmetry of " + a + " and " + b);
                if (a.isCompatibleWith(b))
                {
                    allowed++;
                }
            }
        }
        assertEquals(2 * VALID_PAIRS.length - 3, allowed,
            "ordered pairs: DEALER, ROUTER and PAIR self-pairs count once");
    }

    @Test
    void shouldGiveEveryTypeAtLeastOnePeer()
    {
        for (final SocketType a : SocketType.values())
        {
            final Set<SocketType> peers = EnumSet.noneOf(SocketType.class);
            for (final SocketType b : SocketType.values())
            {
                if (a.isCompatibleWith(b))
                {
                    peers.add(b);
                }
            }
            assertFalse(peers.isEmpty(), a + " has no peer");
        }
    }

    @Test
    void shouldFindTypeFromWireName()
    {
        for (final SocketType type : SocketType.values())
        {
            final byte[] name = ("xx" + type.name() + "yy").getBytes(StandardCharsets.US_ASCII);
            assertEquals(type, fromWireName(new UnsafeBuffer(name), 2, type.name().length()), type.name());
        }
    }

    @Test
    void shouldReturnNullForUnknownWireName()
    {
        for (final String name : new String[] {"", "dealer", "Dealer", "DEALERS", "DEALE", "CLIENT", "STREAM",
            "RADIO", "X"})
        {
            final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            assertNull(fromWireName(new UnsafeBuffer(bytes), 0, bytes.length), "'" + name + "'");
        }
    }

    @Test
    void shouldNotReadPastTheGivenLength()
    {
        final byte[] bytes = "SUBSCRIBER".getBytes(StandardCharsets.US_ASCII);

        assertEquals(SUB, fromWireName(new UnsafeBuffer(bytes), 0, 3));
        assertEquals(PUB, fromWireName(new UnsafeBuffer("XPUB".getBytes(StandardCharsets.US_ASCII)), 1, 3));
        assertEquals(XPUB, fromWireName(new UnsafeBuffer("XPUB".getBytes(StandardCharsets.US_ASCII)), 0, 4));
    }
}
