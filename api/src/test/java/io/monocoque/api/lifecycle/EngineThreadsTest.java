package io.monocoque.api.lifecycle;

import io.monocoque.api.Context;
import io.monocoque.api.PubSocket;
import io.monocoque.api.SocketType;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An embedder that names or pins its threads gets all of them: the engine thread and every PUB/XPUB fan-out
 * worker thread come from the context's thread factory, and each idles with the context's idle strategy (they
 * came from their own factory, with a fixed backoff).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineThreadsTest
{
    @Test
    void shouldStartEveryEngineThreadFromTheContextsFactoryWithItsIdleStrategy()
    {
        final List<String> created = new CopyOnWriteArrayList<>();
        final AtomicInteger strategies = new AtomicInteger();
        try (Context context = Context.builder()
            .threadFactory(runnable ->
            {
                final Thread thread = new Thread(runnable, "app-thread-" + created.size());
                thread.setDaemon(true);
                created.add(thread.getName());
                return thread;
            })
            .idleStrategy(() ->
            {
                strategies.incrementAndGet();
                return (IdleStrategy)new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
            })
            .build())
        {
            final PubSocket pub = (PubSocket)context.socket(SocketType.PUB);
            pub.pubWorkers(3).lingerMs(0);
            pub.bind("tcp://127.0.0.1:0");

            // Worker 0 runs in the engine's duty cycle; workers 1 and 2 on their own threads.
            assertEquals(3, created.size(), "engine thread and two worker threads: " + created);
            assertEquals(3, strategies.get(), "one idle strategy per thread");
            // (Agrona's AgentRunner names each thread after its agent's role, whatever the factory named it.)
        }
    }
}
