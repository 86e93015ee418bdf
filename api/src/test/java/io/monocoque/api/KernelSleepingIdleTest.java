package io.monocoque.api;

import io.monocoque.api.testing.Loopback;
import io.monocoque.engine.Engine;
import io.monocoque.engine.agent.EngineCommand;
import io.monocoque.engine.agent.EngineCounters;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default idle strategy sleeps in the selector: an idle engine runs no duty cycles, and whatever has to wake it
 * does (a message from the application, bytes from a peer, a timer, room in a full receive ring, a writable
 * channel). A lost wake-up shows here as a receive that times out, not as a slow test.
 */
class KernelSleepingIdleTest
{
    private static final long TIMEOUT_MS = 10_000;
    private static final long IDLE_MS = 500;
    private static final int COMMAND_ROUNDS = 20_000;
    private static final int COMMAND_CALLERS = 2;
    /** No command completing for this long means one was never run (each takes microseconds). */
    private static final long STALL_MS = 5_000;
    /** Duty cycles an idle engine may run while it settles into its sleep (a backoff engine runs hundreds). */
    private static final long IDLE_CYCLES_ALLOWED = 5;

    @Test
    void anIdleEngineRunsNoDutyCyclesUntilSomethingHappens()
    {
        try (Context context = Context.create())
        {
            final Socket rep = context.socket(SocketType.REP).rcvTimeoutMs(TIMEOUT_MS);
            final Socket req = context.socket(SocketType.REQ).rcvTimeoutMs(TIMEOUT_MS);
            req.connect(rep.bind("tcp://127.0.0.1:0"));
            roundTrips(req, rep, 20);
            pause(IDLE_MS); // let the engine settle into its sleep
            final EngineCounters counters = context.engine().counters();
            final long cycles = counters.dutyCycles();
            pause(IDLE_MS);
            final long idleCycles = counters.dutyCycles() - cycles;
            assertTrue(idleCycles <= IDLE_CYCLES_ALLOWED, "an idle engine ran " + idleCycles + " duty cycles");
            roundTrips(req, rep, 1); // and the first request after the idle period is answered
            assertTrue(counters.sleeps() > 0);
        }
    }

    @Test
    void messagesSentAsTheEngineFallsAsleepAreNeverLeftInTheRing()
    {
        try (Context context = Context.create())
        {
            final Socket rep = context.socket(SocketType.REP).rcvTimeoutMs(TIMEOUT_MS);
            final Socket req = context.socket(SocketType.REQ).rcvTimeoutMs(TIMEOUT_MS);
            req.connect(rep.bind("tcp://127.0.0.1:0"));
            for (int round = 0; round < 300; round++)
            {
                // Gaps from none to a few hundred microseconds: sends land before, during and after the agent's
                // move into its sleep.
                LockSupport.parkNanos((round % 7) * 50_000L);
                roundTrips(req, rep, 1);
            }
        }
    }

    @Test
    void commandsQueuedAsTheEngineTakesItsLastLookBeforeSleepingAreRun() throws InterruptedException
    {
        try (Context context = Context.create())
        {
            final Engine engine = context.engine();
            final AtomicInteger done = new AtomicInteger();
            // Two callers whose commands land at every phase of the agent's move into its sleep: while it spins,
            // yields, takes its last look, blocks. Daemon threads, so that a lost wake-up (a command never runs)
            // fails the test instead of hanging it.
            final Thread[] callers = new Thread[COMMAND_CALLERS];
            for (int c = 0; c < callers.length; c++)
            {
                final int phase = c;
                callers[c] = new Thread(() ->
                {
                    for (int i = 0; i < COMMAND_ROUNDS; i++)
                    {
                        spinNanos(((i + phase * 5) % 17) * 2_000L);
                        engine.execute(EngineCommand.of(agent -> null));
                        done.incrementAndGet();
                    }
                }, "command-caller-" + c);
                callers[c].setDaemon(true);
                callers[c].start();
            }
            // A slow machine only makes this slower; a lost wake-up stops all progress (the caller waits for ever).
            int last = -1;
            while (done.get() < COMMAND_CALLERS * COMMAND_ROUNDS && done.get() != last)
            {
                last = done.get();
                for (final Thread caller : callers)
                {
                    caller.join(STALL_MS);
                }
            }
            assertEquals(COMMAND_CALLERS * COMMAND_ROUNDS, done.get(),
                "a command queued for the agent never ran (no progress for " + STALL_MS + " ms)");
        }
    }

    @Test
    void aReconnectTimerWakesASleepingEngine()
    {
        final int port = Loopback.reservePort(); // nobody listens there until the PULL binds it
        try (Context sender = Context.create(); Context receiver = Context.create())
        {
            final Socket push = sender.socket(SocketType.PUSH).reconnectIvlMs(50);
            push.connect("tcp://127.0.0.1:" + port);
            assertTrue(push.send("queued before the peer was up"));
            pause(IDLE_MS); // the sending engine sleeps between reconnect attempts
            final Socket pull = receiver.socket(SocketType.PULL).rcvTimeoutMs(TIMEOUT_MS);
            pull.bind("tcp://127.0.0.1:" + port);
            assertEquals("queued before the peer was up", pull.recvString());
        }
    }

    @Test
    void aHandshakeDeadlineWakesASleepingEngine() throws IOException
    {
        try (Context context = Context.create())
        {
            final Socket rep = context.socket(SocketType.REP).handshakeIvlMs(200);
            final String endpoint = rep.bind("tcp://127.0.0.1:0");
            final int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
            try (java.net.Socket silent = new java.net.Socket())
            {
                silent.connect(new InetSocketAddress("127.0.0.1", port));
                silent.setSoTimeout((int)TIMEOUT_MS);
                final InputStream in = silent.getInputStream();
                int read = 0;
                while (read >= 0)
                {
                    read = in.read(); // the greeting, then the end of stream once the deadline passed
                }
            }
        }
    }

    @Test
    void aBlockedDeliveryAndAFullKernelBufferResumeWhenTheReaderCatchesUp() throws InterruptedException
    {
        final int count = 3_000; // 12 MiB: more than the rings and both kernel buffers hold
        final byte[] payload = new byte[4096];
        try (Context sender = Context.create(); Context receiver = Context.create())
        {
            final Socket pull = receiver.socket(SocketType.PULL).rcvHwmBytes(64 * 1024).rcvTimeoutMs(TIMEOUT_MS);
            final String endpoint = pull.bind("tcp://127.0.0.1:0");
            final AtomicInteger sent = new AtomicInteger();
            final Thread pushing = new Thread(() ->
            {
                try (Context own = Context.create())
                {
                    final Socket push = own.socket(SocketType.PUSH).sndTimeoutMs(TIMEOUT_MS).lingerMs(-1);
                    push.connect(endpoint);
                    for (int i = 0; i < count && push.send(payload); i++)
                    {
                        sent.incrementAndGet();
                    }
                }
            });
            pushing.start();
            pause(IDLE_MS); // both engines go to sleep with work that only the reader can unblock
            final Message message = new Message();
            for (int i = 0; i < count; i++)
            {
                assertTrue(pull.recv(message), "message " + i + " did not arrive (" + sent.get() + " sent)");
                assertEquals(payload.length, message.size());
            }
            pushing.join(TIMEOUT_MS);
            assertEquals(count, sent.get());
        }
    }

    @Test
    void anInvokerThreadWaitingInRecvSleepsInTheSelector()
    {
        try (Context invoker = Context.builder().threadingMode(ThreadingMode.INVOKER).build();
             Context sender = Context.create())
        {
            final Socket pull = invoker.socket(SocketType.PULL).rcvTimeoutMs(IDLE_MS);
            final Socket push = sender.socket(SocketType.PUSH);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            assertTrue(push.send("connected"));
            assertEquals("connected", pull.recvString());
            final EngineCounters counters = invoker.engine().counters();
            final long cycles = counters.dutyCycles();
            assertEquals(null, pull.recvString()); // nothing comes: the wait times out asleep
            final long waitingCycles = counters.dutyCycles() - cycles;
            assertTrue(waitingCycles <= 100, "the waiting thread ran " + waitingCycles + " duty cycles");
            assertTrue(push.send("after the wait"));
            pull.rcvTimeoutMs(TIMEOUT_MS);
            assertEquals("after the wait", pull.recvString());
        }
    }

    private static void roundTrips(final Socket req, final Socket rep, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            assertTrue(req.send("ping " + i));
            assertEquals("ping " + i, rep.recvString());
            assertTrue(rep.send("pong " + i));
            assertEquals("pong " + i, req.recvString());
        }
    }

    private static void spinNanos(final long ns)
    {
        final long until = System.nanoTime() + ns;
        while (System.nanoTime() < until)
        {
            Thread.onSpinWait();
        }
    }

    private static void pause(final long ms)
    {
        LockSupport.parkNanos(ms * 1_000_000L);
    }
}
