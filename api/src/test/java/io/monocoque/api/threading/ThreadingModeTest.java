package io.monocoque.api.threading;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketStateException;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's two run modes (own thread with any idle strategy; application-driven invoker) and the one-thread-
 * at-a-time rule for sockets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadingModeTest
{
    private static final int ROUND_TRIPS = 200;

    @Test
    void shouldRunRequestReplyFromOneThreadInInvokerMode()
    {
        final long threadsBefore = Thread.activeCount();
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            assertEquals(threadsBefore, Thread.activeCount(), "INVOKER mode must not start a thread");
            final Socket rep = context.socket(SocketType.REP);
            final Socket req = context.socket(SocketType.REQ);
            req.connect(rep.bind("tcp://127.0.0.1:0"));
            rep.rcvTimeoutMs(5000);
            req.rcvTimeoutMs(5000);
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                // Each blocking call drives the duty cycle while it waits: no engine thread exists.
                assertTrue(req.send("request-" + i));
                assertEquals("request-" + i, rep.recvString());
                assertTrue(rep.send("reply-" + i));
                assertEquals("reply-" + i, req.recvString());
            }
            assertEquals(threadsBefore, Thread.activeCount(), "INVOKER mode must not start a thread");
        }
    }

    @Test
    void shouldRefuseDrivingAnInvokerContextFromASecondThread() throws Exception
    {
        try (Context context = Context.builder().threadingMode(ThreadingMode.INVOKER).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:0");
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    context.invoke();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            other.start();
            other.join();
            assertInstanceOf(IllegalStateException.class, failure.get());
            assertTrue(failure.get().getMessage().contains("INVOKER mode"), failure.get().getMessage());
        }
    }

    @Test
    void shouldRunWithEveryIdleStrategyOnADedicatedThread()
    {
        for (final org.agrona.concurrent.IdleStrategy idle : new org.agrona.concurrent.IdleStrategy[]{
            new YieldingIdleStrategy(), new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(50)),
            new BusySpinIdleStrategy()})
        {
            final String[] threadName = new String[1];
            try (Context context = Context.builder()
                .idleStrategy(idle)
                .threadFactory(r ->
                {
                    final Thread thread = new Thread(r, "custom-engine-" + idle.alias());
                    thread.setDaemon(true);
                    threadName[0] = thread.getName();
                    return thread;
                })
                .build())
            {
                final Socket pull = context.socket(SocketType.PULL);
                final Socket push = context.socket(SocketType.PUSH);
                push.connect(pull.bind("tcp://127.0.0.1:0"));
                pull.rcvTimeoutMs(5000);
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertTrue(push.send("m" + i));
                }
                for (int i = 0; i < ROUND_TRIPS; i++)
                {
                    assertEquals("m" + i, pull.recvString(), idle.alias());
                }
            }
            assertEquals("custom-engine-" + idle.alias(), threadName[0]);
        }
    }

    @Test
    void shouldRefuseASecondThreadWhileOneIsInsideTheSocket() throws Exception
    {
        try (Context context = Context.create())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:0");
            pull.rcvTimeoutMs(10_000);
            final CountDownLatch entered = new CountDownLatch(1);
            final Thread receiver = new Thread(() ->
            {
                entered.countDown();
                pull.recv(new Message());
            });
            receiver.setDaemon(true);
            receiver.start();
            entered.await();
            // Wait until the receiver is really parked inside recv.
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (receiver.getState() == Thread.State.RUNNABLE && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            Thread.sleep(50);
            final SocketStateException misuse = assertThrows(SocketStateException.class,
                () -> pull.poll(message -> { }, 1));
            assertTrue(misuse.getMessage().contains("at once"), misuse.getMessage());
            receiver.interrupt();
            receiver.join(5000);
            assertFalse(receiver.isAlive());
            // Once the first thread has left, another thread may use the socket.
            assertEquals(0, pull.poll(message -> { }, 1));
        }
    }

    @Test
    void shouldReportNotConnectedWhenTheSocketHasNoEndpoint()
    {
        try (Context context = Context.create())
        {
            final Socket dealer = context.socket(SocketType.DEALER);
            assertEquals(SendResult.NOT_CONNECTED, dealer.offer("x".getBytes()));
            dealer.close();
            assertEquals(SendResult.CLOSED, dealer.offer("x".getBytes()));
        }
    }
}
