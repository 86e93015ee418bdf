package io.monocoque.cli;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool as a process, the way the launcher runs it: exit statuses from {@code System.exit}, and SIGTERM
 * ending a receiver after it has printed what it received.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildProcessTest
{
    private static final long WAIT_MS = 20_000;

    @Test
    void shouldExitZeroOnHelp()
    {
        try (ChildProcess child = ChildProcess.start("--help"))
        {
            assertEquals(0, child.waitFor(WAIT_MS), child.describe());
            assertTrue(child.out().startsWith("usage: monocoque COMMAND"), child.describe());
        }
    }

    @Test
    void shouldExitTwoWithTheReasonOnBadUsage()
    {
        try (ChildProcess child = ChildProcess.start("echo", "--type", "PULL", "--bind", "tcp://127.0.0.1:0"))
        {
            assertEquals(2, child.waitFor(WAIT_MS), child.describe());
            assertEquals("monocoque echo: --type PULL cannot echo (use PAIR, REP, DEALER, ROUTER)\n" +
                "Try 'monocoque echo --help'.\n", child.err());
            assertEquals("", child.out());
        }
    }

    @Test
    void shouldExitOneOnARuntimeFailure()
    {
        try (ChildProcess child = ChildProcess.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0",
            "--timeout-ms", "200"))
        {
            assertEquals(1, child.waitFor(WAIT_MS), child.describe());
            assertTrue(child.err().endsWith("monocoque recv: no message received within 200 ms\n"), child.describe());
        }
    }

    @Test
    void shouldPrintEverythingReceivedBeforeSigtermEndsRecv() throws InterruptedException
    {
        try (ChildProcess child = ChildProcess.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:0");
             Context context = Context.create())
        {
            final Matcher bound = Pattern.compile("bound (tcp://\\S+)").matcher(child.awaitErr("bound ", WAIT_MS));
            assertTrue(bound.find());
            final Socket push = context.socket(SocketType.PUSH);
            push.connect(bound.group(1));
            assertTrue(push.send("first"));
            assertTrue(push.send("second"));
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (!child.out().equals("first\nsecond\n") && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(10);
            }

            child.terminate();

            final int status = child.waitFor(WAIT_MS);
            assertTrue(status == 143 || status == 0, "exit status " + status + child.describe());
            assertEquals("first\nsecond\n", child.out());
        }
    }

    @Test
    void shouldSendStdinLinesAndExitZeroOnceSent()
    {
        try (Context context = Context.create())
        {
            final Socket pull = context.socket(SocketType.PULL).rcvTimeoutMs(15_000);
            final String endpoint = pull.bind("tcp://127.0.0.1:0");
            try (ChildProcess child = ChildProcess.start("send", "--type", "PUSH", "--connect", endpoint))
            {
                final ChildProcess.OutputWriter stdin = child.stdin();
                stdin.write("alpha\tbeta\n");
                stdin.write("gamma\n");
                stdin.close();

                assertEquals(0, child.waitFor(WAIT_MS), child.describe());
                final byte[][] first = pull.recvMultipart();
                assertEquals(2, first.length);
                assertEquals("alpha", new String(first[0], java.nio.charset.StandardCharsets.UTF_8));
                assertEquals("beta", new String(first[1], java.nio.charset.StandardCharsets.UTF_8));
                assertEquals("gamma", pull.recvString());
            }
        }
    }

    @Test
    void shouldHandJmhItsArgumentsAndListPerfsBenchmarks()
    {
        try (ChildProcess child = ChildProcess.start("jmh", "-l"))
        {
            assertEquals(0, child.waitFor(WAIT_MS), child.describe());
            assertTrue(child.out().contains("io.monocoque.perf.jmh.codec.FrameDecodeBenchmark.decodeOne"),
                child.describe());
        }
    }

    @Test
    void shouldExitZeroOnVersion()
    {
        try (ChildProcess child = ChildProcess.start("--version"))
        {
            assertEquals(0, child.waitFor(WAIT_MS), child.describe());
            assertEquals("monocoque " + System.getProperty("monocoque.expected.version") + "\n", child.out());
        }
    }
}
