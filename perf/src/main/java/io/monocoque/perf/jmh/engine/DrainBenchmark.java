package io.monocoque.perf.jmh.engine;

import io.monocoque.api.Context;
import io.monocoque.api.MessageBatch;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's side of a send alone: an INVOKER-mode engine drains 1,000 queued 64 B messages from a PUSH's send ring
 * to its connection and the kernel (route, copy into the staging buffer, write), timed per message, until the peer
 * has read them all. The messages are offered between invocations (not timed), one {@code offer} each
 * ({@code offers=single}: 1,000 records, each copied into the staging buffer) or as one {@code MessageBatch}
 * ({@code offers=batch}: one 66,000-byte record, written to the kernel straight from the ring). The peer is a plain
 * blocking socket on another thread that completes the ZMTP greeting and then reads and discards, counting bytes, so
 * no Monocoque
 * code but the sender's runs: what is measured is the duty cycles, their system calls, and the loopback hand-off to
 * a reader on the other CPU. Two threads. Expected allocation 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class DrainBenchmark
{
    /** Messages queued per invocation, then drained in the measured window. */
    public static final int BATCH = 1000;
    private static final int MESSAGE_BYTES = 64;
    private static final long HWM_BYTES = 1 << 20;
    private static final int READ_BYTES = 64 * 1024;
    private static final long HANDSHAKE_SETTLE_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Bytes a batch takes on the wire: each message is a 2-byte short frame header and its body. */
    private static final long BATCH_WIRE_BYTES = (long)BATCH * (2 + MESSAGE_BYTES);
    /** A ZMTP 3.1 NULL greeting as a server sends it (RFC 23). */
    private static final byte[] GREETING = greeting();
    /** READY with Socket-Type PULL. */
    private static final byte[] READY = {0x04, 0x1A, 0x05, 'R', 'E', 'A', 'D', 'Y', 0x0B, 'S', 'o', 'c', 'k', 'e',
        't', '-', 'T', 'y', 'p', 'e', 0x00, 0x00, 0x00, 0x04, 'P', 'U', 'L', 'L'};

    private Context context;
    private Socket push;
    private ServerSocket server;
    /** Bytes the peer has read after the handshake; written by the reader thread. */
    private final AtomicLong read = new AtomicLong();
    private long drainedTo;
    private Thread reader;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
    private final MessageBatch batch = new MessageBatch(BATCH);

    /** How the messages were offered: {@code single} (one record each) or {@code batch} (one record). */
    @Param({"single", "batch"})
    public String offers;

    /** Start the engine, the discarding peer, and connect. */
    @Setup
    public void setup() throws IOException
    {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        reader = new Thread(this::readAndDiscard, "drain-benchmark-peer");
        reader.setDaemon(true);
        reader.start();
        context = Context.builder().threadingMode(ThreadingMode.INVOKER).build();
        push = context.socket(SocketType.PUSH).sndHwmBytes(HWM_BYTES).lingerMs(0);
        push.connect("tcp://127.0.0.1:" + server.getLocalPort());
        while (push.connectedPeers() == 0)
        {
            context.invoke();
        }
        // Let the greeting and READY arrive whole (the peer may read them in pieces): the batches' bytes are then
        // all that is counted after the snapshot.
        final long settledNs = System.nanoTime() + HANDSHAKE_SETTLE_NS;
        while (read.get() < GREETING.length || System.nanoTime() < settledNs)
        {
            context.invoke();
        }
        drainedTo = read.get();
    }

    /** Queue a batch: the ring holds it whole (1,000 small records of a 1 MiB ring). */
    @Setup(Level.Invocation)
    public void queue()
    {
        if ("batch".equals(offers))
        {
            for (int i = 0; i < BATCH; i++)
            {
                batch.add(payload, 0, MESSAGE_BYTES);
            }
            if (push.offer(batch) != BATCH)
            {
                throw new IllegalStateException("the ring had no room: the last batch was not drained");
            }
            return;
        }
        for (int i = 0; i < BATCH; i++)
        {
            if (push.offer(payload, 0, MESSAGE_BYTES) <= 0)
            {
                throw new IllegalStateException("the ring had no room: the last batch was not drained");
            }
        }
    }

    /** Close the context and the peer. */
    @TearDown
    public void tearDown() throws IOException
    {
        context.close();
        server.close();
    }

    /**
     * Run duty cycles until the peer has read the whole batch.
     *
     * @return duty cycles it took.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int drain()
    {
        drainedTo += BATCH_WIRE_BYTES;
        int cycles = 0;
        while (read.get() < drainedTo)
        {
            context.invoke();
            cycles++;
        }
        return cycles;
    }

    private void readAndDiscard()
    {
        final byte[] buffer = new byte[READ_BYTES];
        try (java.net.Socket peer = server.accept())
        {
            peer.getOutputStream().write(GREETING);
            peer.getOutputStream().write(READY);
            final InputStream in = peer.getInputStream();
            int bytes;
            while ((bytes = in.read(buffer)) >= 0)
            {
                read.addAndGet(bytes); // the bytes are discarded: the peer exists to take what is written
            }
        }
        catch (final IOException ex)
        {
            if (!server.isClosed())
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static byte[] greeting()
    {
        final byte[] greeting = new byte[64];
        greeting[0] = (byte)0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        greeting[12] = 'N';
        greeting[13] = 'U';
        greeting[14] = 'L';
        greeting[15] = 'L';
        return greeting;
    }
}
