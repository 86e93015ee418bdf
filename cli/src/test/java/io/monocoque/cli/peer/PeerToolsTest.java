package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer tools against each other and against Monocoque sockets, in this JVM: exact output, exit statuses,
 * timeouts, stop requests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerToolsTest
{
    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReceiveWhatSendSendsLineByLineWithFramesSplitAtTabs()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0",
            "--count", "3", "--timeout-ms", "15000"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("hello\tworld\nsecond\n\tafter-empty\n"),
                "send", "--type", "PUSH", "--connect", endpoint);

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("hello\tworld\nsecond\n\tafter-empty\n", recv.out());
        }
    }

    @Test
    void shouldCarryBinaryFramesExactlyInHex()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "PAIR", "--bind", "tcp://127.0.0.1:0",
            "--count", "2", "--hex", "--timeout-ms", "15000"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("00ff0a09\t\tDEADbeef\n0d0a\n"),
                "send", "--type", "PAIR", "--connect", endpoint, "--hex");

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("00ff0a09\t\tdeadbeef\n0d0a\n", recv.out());
        }
    }

    @Test
    void shouldSendGeneratedMessagesOfTheGivenSize()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0",
            "--count", "3", "--hex", "--timeout-ms", "15000"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.run("send", "--type", "PUSH", "--connect", endpoint,
                "--size", "20", "--count", "3");

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals(FrameText.toHex(Generated.of(0, 20)) + "\n" + FrameText.toHex(Generated.of(1, 20)) + "\n" +
                FrameText.toHex(Generated.of(2, 20)) + "\n", recv.out());
            assertEquals("0000000000000001090a0b0c0d0e0f1011121314", FrameText.toHex(Generated.of(1, 20)));
        }
    }

    @Test
    void shouldSendAGeneratedMessageOfSixtyFourMebibytesWithTheDefaultHwms()
    {
        final int size = 64 * 1024 * 1024;
        try (Context context = Context.create())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.rcvTimeoutMs(30_000);
            final String endpoint = pull.bind("tcp://127.0.0.1:0");
            try (CommandRun send = CommandRun.start("send", "--type", "PUSH", "--connect", endpoint,
                "--size", "64m", "--count", "2"))
            {
                for (int i = 0; i < 2; i++)
                {
                    final byte[][] received = pull.recvMultipart();
                    assertNotNull(received, "message " + i + send.describe());
                    assertEquals(1, received.length);
                    assertEquals(size, received[0].length);
                    assertArrayEquals(Generated.of(i, size), received[0], "message " + i);
                }
                assertEquals(0, send.exitStatus(), send.describe());
            }
        }
    }

    @Test
    void shouldPrintRepliesOfRequestsSentThroughAnEchoingRep()
    {
        try (CommandRun echo = CommandRun.start("echo", "--type", "REP", "--bind", "tcp://127.0.0.1:0",
            "--count", "3", "--idle", "backoff"))
        {
            final String endpoint = echo.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("one\nt\two\nthree\n"),
                "send", "--type", "REQ", "--connect", endpoint, "--timeout-ms", "15000");

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals("one\nt\two\nthree\n", send.out());
            assertEquals(0, echo.exitStatus(), echo.describe());
        }
    }

    @Test
    void shouldEchoToEachRouterPeerWithItsRoutingIdKept() throws Exception
    {
        try (CommandRun echo = CommandRun.start("echo", "--type", "ROUTER", "--bind", "tcp://127.0.0.1:0",
            "--count", "4");
             Context context = Context.create())
        {
            final String endpoint = echo.boundEndpoint();
            final Socket alice = context.socket(SocketType.DEALER).identity("alice").rcvTimeoutMs(15_000);
            final Socket bob = context.socket(SocketType.DEALER).identity("bob").rcvTimeoutMs(15_000);
            alice.connect(endpoint);
            bob.connect(endpoint);

            assertTrue(alice.send(utf8("from-alice"), utf8("1")));
            assertTrue(bob.send(utf8("from-bob")));
            assertTrue(alice.send(utf8("again")));
            assertTrue(bob.send(new byte[0], utf8("x")));

            assertMultipart(alice.recvMultipart(), "from-alice", "1");
            assertMultipart(alice.recvMultipart(), "again");
            assertMultipart(bob.recvMultipart(), "from-bob");
            assertMultipart(bob.recvMultipart(), "", "x");
            assertEquals(0, echo.exitStatus(), echo.describe());
        }
    }

    private static void assertMultipart(final byte[][] frames, final String... expected)
    {
        assertNotNull(frames, "no reply");
        final String[] actual = new String[frames.length];
        for (int i = 0; i < frames.length; i++)
        {
            actual[i] = new String(frames[i], StandardCharsets.UTF_8);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void shouldPrintTheRoutingIdFirstOnARouter()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "ROUTER", "--bind", "tcp://127.0.0.1:0",
            "--count", "1", "--timeout-ms", "15000"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("payload\n"),
                "send", "--type", "DEALER", "--connect", endpoint, "--option", "identity=client-7");

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("client-7\tpayload\n", recv.out());
        }
    }

    @Test
    void shouldSendFromARouterToThePeerNamedInTheFirstFrame()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "DEALER", "--bind", "tcp://127.0.0.1:0",
            "--count", "1", "--timeout-ms", "15000", "--option", "identity=dealer-1"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("dealer-1\thi there\n"),
                "send", "--type", "ROUTER", "--connect", endpoint, "--timeout-ms", "15000");

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("hi there\n", recv.out());
        }
    }

    @Test
    void shouldFailWhenARouterSendsToAnUnknownRoutingId()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "DEALER", "--bind", "tcp://127.0.0.1:0",
            "--option", "identity=known"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("unknown\thi\n"),
                "send", "--type", "ROUTER", "--connect", endpoint, "--timeout-ms", "5000");

            assertEquals(1, send.exitStatus(), send.describe());
            assertEquals("monocoque send: message 1: no connected peer has routing id 756e6b6e6f776e (hex)\n",
                send.err());
        }
    }

    @Test
    void shouldExitOneWhenNothingArrivesWithinTheTimeout()
    {
        final CommandRun recv = CommandRun.run("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0",
            "--timeout-ms", "300");

        assertEquals(1, recv.exitStatus(), recv.describe());
        assertTrue(recv.err().endsWith("monocoque recv: no message received within 300 ms\n"), recv.describe());
        assertEquals("", recv.out());
    }

    @Test
    void shouldExitOneWhenFewerThanCountArriveBeforeTheTimeout()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0",
            "--count", "3", "--timeout-ms", "1500"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("a\nb\n"), "send", "--type", "PUSH",
                "--connect", endpoint);

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(1, recv.exitStatus(), recv.describe());
            assertEquals("a\nb\n", recv.out());
            assertTrue(recv.err().endsWith("monocoque recv: received 2 of 3 messages, then nothing for 1500 ms\n"),
                recv.describe());
        }
    }

    @Test
    void shouldExitZeroWithEverythingPrintedWhenStopped()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("1\n2\n3\n4\n5\n"), "send", "--type", "PUSH",
                "--connect", endpoint);
            assertEquals(0, send.exitStatus(), send.describe());
            recv.awaitOutputLines(5);

            recv.requestStop();

            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("1\n2\n3\n4\n5\n", recv.out());
        }
    }

    @Test
    void shouldFailSendWhenNoPeerConnectsWithinTheTimeout()
    {
        final CommandRun send = CommandRun.startWithInput(utf8("lost\n"), "send", "--type", "PUSH",
            "--connect", "tcp://127.0.0.1:1", "--timeout-ms", "300");

        assertEquals(1, send.exitStatus(), send.describe());
        assertEquals("monocoque send: no peer connected within 300 ms\n", send.err());
    }

    @Test
    void shouldFailSendOnALineThatIsNotHex()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0",
            "--count", "1", "--hex", "--timeout-ms", "15000"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("0102\n01zz\n"), "send", "--type", "PUSH",
                "--connect", endpoint, "--hex");

            assertEquals(1, send.exitStatus(), send.describe());
            assertEquals("monocoque send: stdin line 2: frame 1 is not hex: '01zz'\n", send.err());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("0102\n", recv.out());
        }
    }

    @Test
    void shouldStopAfterCountLinesOfInput()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0",
            "--timeout-ms", "1500"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("a\nb\nc\nd\n"), "send", "--type", "PUSH",
                "--connect", endpoint, "--count", "2", "--interval-ms", "20");

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("a\nb\n", recv.out());
        }
    }

    @Test
    void shouldDeliverOnlySubscribedPrefixesFromSendPubToRecvSub()
    {
        try (CommandRun recv = CommandRun.start("recv", "--type", "SUB", "--bind", "tcp://127.0.0.1:0",
            "--subscribe", "a", "--subscribe", "ban", "--count", "3", "--timeout-ms", "15000"))
        {
            final String endpoint = recv.boundEndpoint();
            final CommandRun send = CommandRun.startWithInput(utf8("apple\nzzz\nbanana\tsplit\nbar\navocado\n"),
                "send", "--type", "PUB", "--connect", endpoint, "--timeout-ms", "15000");

            assertEquals(0, send.exitStatus(), send.describe());
            assertEquals(0, recv.exitStatus(), recv.describe());
            assertEquals("apple\nbanana\tsplit\navocado\n", recv.out());
        }
    }

    @Test
    void shouldSetReqCorrelateByNameSoRequestsCarryAnIdFrame()
    {
        try (Context context = Context.create(); Socket router = context.socket(SocketType.ROUTER))
        {
            router.rcvTimeoutMs(15_000);
            final String endpoint = router.bind("tcp://127.0.0.1:0");
            try (CommandRun send = CommandRun.startWithInput(utf8("question\n"), "send", "--type", "REQ",
                "--connect", endpoint, "--option", "reqRelaxed=true", "--option", "reqCorrelate=true"))
            {
                final byte[][] request = router.recvMultipart();
                assertNotNull(request, "the request arrived" + send.describe());
                assertEquals(4, request.length, "routing id, request id, delimiter, body");
                assertEquals(4, request[1].length, "a 4-byte request id");
                assertEquals(0, request[2].length, "the delimiter");
                assertEquals("question", new String(request[3], StandardCharsets.UTF_8));
            }
        }
    }
}
