package io.monocoque.perf.jmh.engine;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The busy path of a DEDICATED engine under each idle strategy: the benchmark thread sends a batch of 64 B messages
 * through a PUSH and takes them back from a PULL of the same context over TCP loopback, with blocking calls; the
 * engine thread does all the I/O. Two threads in all. With {@code selector} (the default of
 * {@code Context.create()}) every send also checks whether the agent sleeps (a fence and a read) and the engine
 * may fall asleep between batches; with {@code backoff} neither happens. Time per message; expected allocation 0
 * B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class DedicatedEngineBenchmark
{
    /** Messages per benchmark invocation. */
    public static final int BATCH = 64;
    private static final int MESSAGE_BYTES = 64;

    /** The engine's idle strategy: selector (the default) or Agrona's backoff. */
    @Param({"selector", "backoff"})
    public String idle;

    private Context context;
    private Socket push;
    private Socket pull;
    private Message message;
    private Message received;

    /** Start the engine and connect the pair. */
    @Setup
    public void setup()
    {
        context = Context.builder()
            .idleStrategy("backoff".equals(idle) ? new BackoffIdleStrategy() : Context.Builder.sleepInSelector())
            .build();
        pull = context.socket(SocketType.PULL);
        push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        message = new Message().add(new UnsafeBuffer(new byte[MESSAGE_BYTES]), 0, MESSAGE_BYTES);
        received = new Message();
        sendAndReceive(); // the connection is up before the first measured batch
    }

    /** Close the context. */
    @TearDown
    public void tearDown()
    {
        context.close();
    }

    /**
     * Send a batch and receive it back.
     *
     * @return bytes of the last message, so that nothing is optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sendAndReceive()
    {
        for (int i = 0; i < BATCH; i++)
        {
            push.send(message);
        }
        for (int i = 0; i < BATCH; i++)
        {
            pull.recv(received);
        }
        return received.size();
    }
}
