package io.monocoque.perf.jmh.engine;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageBatch;
import io.monocoque.api.MessageClaim;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The application's side of a send alone: {@code offer} of a 64 B single-frame message into an empty send ring
 * (claim, encode, copy, commit, and the check whether the agent sleeps), given as an Agrona buffer, as a byte array,
 * as a prebuilt {@link Message}, as a {@link MessageBatch} of {@link #BATCH} messages (packed into few records), or
 * written in place through a {@link MessageClaim} ({@code tryClaim}, the payload's 64 bytes put straight into the
 * ring).
 * Between invocations (not timed) an INVOKER-mode engine drains the ring to a PULL of the same context and the PULL
 * takes the messages, so every measured offer finds room. One thread. Expected allocation 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class OfferBenchmark
{
    /** Offers per invocation: a fraction of the ring, so none is back-pressured. */
    public static final int BATCH = 1000;
    private static final int MESSAGE_BYTES = 64;
    private static final long HWM_BYTES = 1 << 20;

    private Context context;
    private Socket push;
    private Socket pull;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
    /** The frames as one array, made once: a varargs call would allocate the array each time. */
    private final byte[][] frames = {new byte[MESSAGE_BYTES]};
    private final Message message = new Message().add(new byte[MESSAGE_BYTES]);
    /** Refers to {@link #payload} {@link #BATCH} times; refilled before each offer (not copying anything). */
    private final MessageBatch batch = new MessageBatch(BATCH);
    private final MessageClaim claim = new MessageClaim();
    /** Describes {@link #BATCH} messages of {@link #MESSAGE_BYTES} each, for {@code tryClaimBatch}. */
    private final MessageClaim batchClaim = new MessageClaim(BATCH);
    private final int[] batchLengths = filled(BATCH, MESSAGE_BYTES);
    private final MessageHandler discard = view ->
    {
    };
    private long taken;

    /** Start an INVOKER-mode engine and connect the pair. */
    @Setup
    public void setup()
    {
        context = Context.builder().threadingMode(ThreadingMode.INVOKER).build();
        pull = context.socket(SocketType.PULL).rcvHwmBytes(HWM_BYTES);
        push = context.socket(SocketType.PUSH).sndHwmBytes(HWM_BYTES);
        push.connect(pull.bind("tcp://127.0.0.1:0"));
        while (push.connectedPeers() == 0)
        {
            context.invoke();
        }
    }

    /** Move everything offered to the PULL and take it there, so the next batch finds an empty ring. */
    @Setup(Level.Invocation)
    public void drain()
    {
        while (taken > 0)
        {
            context.invoke();
            taken -= pull.poll(discard, Integer.MAX_VALUE);
        }
    }

    /** Close the context. */
    @TearDown
    public void tearDown()
    {
        context.close();
    }

    /**
     * Offer a batch of single-frame messages given as an Agrona buffer.
     *
     * @return bytes the last offer took, so nothing is optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerDirectBuffer()
    {
        long result = 0;
        for (int i = 0; i < BATCH; i++)
        {
            result = push.offer(payload, 0, MESSAGE_BYTES);
        }
        taken += BATCH;
        return result;
    }

    /**
     * Offer a batch of single-frame messages given as byte arrays.
     *
     * @return bytes the last offer took.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerByteArray()
    {
        long result = 0;
        for (int i = 0; i < BATCH; i++)
        {
            result = push.offer(frames);
        }
        taken += BATCH;
        return result;
    }

    /**
     * Offer a batch of one prebuilt message.
     *
     * @return bytes the last offer took.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerMessage()
    {
        long result = 0;
        for (int i = 0; i < BATCH; i++)
        {
            result = push.offer(message);
        }
        taken += BATCH;
        return result;
    }

    /**
     * Offer {@link #BATCH} single-frame messages as one {@link MessageBatch}: the batch holds references, so filling
     * it copies nothing; the offer packs them into as few ring records as fit (8 here: a record is an eighth of
     * the 1 MiB ring, 128 KiB, about 1,900 such messages).
     *
     * @return messages the offer took.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerBatch()
    {
        for (int i = 0; i < BATCH; i++)
        {
            batch.add(payload, 0, MESSAGE_BYTES);
        }
        final long result = push.offer(batch);
        batch.clear();
        taken += BATCH;
        return result;
    }

    /**
     * Claim one record for {@link #BATCH} messages of 64 B ({@code tryClaimBatch}), write each payload in place,
     * commit once: the batch without the reference table.
     *
     * @return bytes the claim took.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerClaimBatch()
    {
        final long result = push.tryClaimBatch(batchClaim, batchLengths, BATCH);
        final MutableDirectBuffer buffer = batchClaim.buffer();
        for (int i = 0; i < BATCH; i++)
        {
            buffer.putBytes(batchClaim.frameOffset(i), payload, 0, MESSAGE_BYTES);
        }
        batchClaim.commit();
        taken += BATCH;
        return result;
    }

    /**
     * Claim, write the 64 B payload in place, commit: {@code tryClaim}, {@link #BATCH} times.
     *
     * @return bytes the last claim took.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerClaim()
    {
        long result = 0;
        for (int i = 0; i < BATCH; i++)
        {
            result = push.tryClaim(claim, MESSAGE_BYTES);
            claim.buffer().putBytes(claim.offset(), payload, 0, MESSAGE_BYTES);
            claim.commit();
        }
        taken += BATCH;
        return result;
    }

    private static int[] filled(final int count, final int value)
    {
        final int[] values = new int[count];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
