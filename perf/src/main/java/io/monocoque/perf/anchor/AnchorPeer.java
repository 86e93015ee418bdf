package io.monocoque.perf.anchor;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageBatch;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import io.monocoque.perf.BenchmarkFailedException;
import io.monocoque.perf.Idle;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Monocoque as one more implementation of the shared anchors' harness ({@code ../shared/anchors}), so that it runs
 * beside libzmq, JeroMQ and raw NIO in one invocation of the harness's {@code run.sh}, interleaved with them: REQ/REP
 * for the latency roles and PUSH/PULL for the throughput roles, as the libzmq anchor does, and the harness's summary
 * lines on stdout (the same fields, the same HdrHistogram precision). Each process is one thread: the context runs
 * in INVOKER mode and that thread drives the engine while it waits, with the given idle strategy.
 * <p>
 * Used by one thread, the caller of {@link #run}.
 */
public final class AnchorPeer
{
    /** Implementation name in the summary lines. */
    public static final String IMPL = "monocoque";
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BYTES_PER_MB = 1e6;
    private static final int POLL_LIMIT = 1024;

    private final AnchorArgs args;
    private final Idle idle;
    private final PrintStream out;
    /** thr-source: messages per {@code send(MessageBatch)}, 0 for one {@code send(Message)} each. */
    private final int batch;

    /**
     * A peer for one run, sending one message per call.
     *
     * @param args the harness's arguments.
     * @param idle how the one thread waits when there is nothing to do.
     * @param out  where the summary line goes (the harness reads stdout).
     */
    public AnchorPeer(final AnchorArgs args, final Idle idle, final PrintStream out)
    {
        this(args, idle, out, 0);
    }

    /**
     * A peer for one run.
     *
     * @param args  the harness's arguments.
     * @param idle  how the one thread waits when there is nothing to do.
     * @param out   where the summary line goes (the harness reads stdout).
     * @param batch thr-source: messages per {@code send(MessageBatch)}, 0 for one {@code send(Message)} each.
     */
    public AnchorPeer(final AnchorArgs args, final Idle idle, final PrintStream out, final int batch)
    {
        this.args = args;
        this.idle = idle;
        this.out = out;
        this.batch = batch;
    }

    /**
     * Run the role to its end.
     *
     * @throws IOException if the percentile file cannot be written.
     * @throws BenchmarkFailedException if a message of the wrong size arrives or a socket fails.
     */
    public void run() throws IOException
    {
        try (Context context = Context.builder()
            .threadingMode(ThreadingMode.INVOKER)
            .idleStrategy(idle.newStrategy())
            .build())
        {
            switch (args.role())
            {
                case LAT_SERVER:
                    latencyServer(context);
                    break;
                case LAT_CLIENT:
                    latencyClient(context);
                    break;
                case THR_SINK:
                    throughputSink(context);
                    break;
                default:
                    throughputSource(context);
                    break;
            }
        }
    }

    private Message payload()
    {
        final byte[] bytes = new byte[args.size()];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)i;
        }
        return new Message().add(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private void latencyServer(final Context context)
    {
        final Socket rep = context.socket(SocketType.REP);
        bind(rep);
        final Message request = new Message();
        final long total = (long)args.warmup() + args.count();
        for (long i = 0; i < total; i++)
        {
            rep.recv(request);
            rep.send(request);
        }
        rep.lingerMs(-1); // the last reply must leave before the context closes
    }

    private void latencyClient(final Context context) throws IOException
    {
        final Socket req = context.socket(SocketType.REQ);
        req.connect(args.endpoint());
        final Message request = payload();
        final Message reply = new Message();
        for (int i = 0; i < args.warmup(); i++)
        {
            roundTrip(req, request, reply);
        }
        final long[] samples = new long[args.count()];
        for (int i = 0; i < samples.length; i++)
        {
            final long start = System.nanoTime();
            roundTrip(req, request, reply);
            samples[i] = System.nanoTime() - start;
        }
        report(samples);
    }

    private void roundTrip(final Socket req, final Message request, final Message reply)
    {
        req.send(request);
        req.recv(reply);
        if (reply.size() != args.size())
        {
            throw new BenchmarkFailedException("reply has " + reply.size() + " bytes, expected " + args.size());
        }
    }

    private void report(final long[] samplesNs) throws IOException
    {
        final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (final long sample : samplesNs)
        {
            histogram.recordValue(sample);
        }
        out.println(String.format(Locale.ROOT,
            "impl=%s size=%d count=%d p50_us=%.2f p90_us=%.2f p99_us=%.2f p999_us=%.2f p9999_us=%.2f" +
                " max_us=%.2f mean_us=%.2f",
            IMPL, args.size(), histogram.getTotalCount(), micros(histogram.getValueAtPercentile(50)),
            micros(histogram.getValueAtPercentile(90)), micros(histogram.getValueAtPercentile(99)),
            micros(histogram.getValueAtPercentile(99.9)), micros(histogram.getValueAtPercentile(99.99)),
            micros(histogram.getMaxValue()), histogram.getMean() / NANOS_PER_MICRO));
        out.flush();
        if (args.hgrm() != null)
        {
            try (PrintStream file =
                new PrintStream(new FileOutputStream(args.hgrm()), false, StandardCharsets.US_ASCII))
            {
                histogram.outputPercentileDistribution(file, NANOS_PER_MICRO);
            }
        }
    }

    private static double micros(final long nanos)
    {
        return nanos / NANOS_PER_MICRO;
    }

    private void throughputSink(final Context context)
    {
        final Socket pull = context.socket(SocketType.PULL);
        bind(pull);
        final Counter counter = new Counter(args.size());
        // Timed as the harness's other sinks are, from the first message to the last, reading the clock twice rather
        // than once per message (System.nanoTime costs tens of nanoseconds here, a third of a 64 B message's budget):
        // the clock starts after the poll that brought the first messages, which are then not counted.
        long startNs = 0;
        long counted = 0;
        while (counter.received < args.count())
        {
            final int polled = pull.poll(counter, POLL_LIMIT);
            if (polled > 0 && startNs == 0)
            {
                startNs = System.nanoTime();
                counted = args.count() - counter.received;
            }
            context.idle(polled + context.invoke()); // the context's strategy: selector sleeps in its epoll
        }
        final long elapsedNs = System.nanoTime() - startNs;
        final double seconds = elapsedNs / NANOS_PER_SECOND;
        final double rate = counted / seconds;
        out.println(String.format(Locale.ROOT,
            "impl=%s size=%d count=%d msgs_per_s=%.0f mb_per_s=%.2f elapsed_s=%.3f",
            IMPL, args.size(), args.count(), rate, rate * args.size() / BYTES_PER_MB, seconds));
        out.flush();
    }

    private void throughputSource(final Context context)
    {
        final Socket push = context.socket(SocketType.PUSH);
        push.lingerMs(-1); // closing waits until everything is on the wire
        push.connect(args.endpoint());
        final Message message = payload();
        if (batch > 0)
        {
            // The batch refers to the payload's bytes: filling it copies nothing, each send copies them once.
            final MessageBatch messages = new MessageBatch(batch);
            final DirectBuffer body = new UnsafeBuffer(message.frame(0));
            for (int sent = 0; sent < args.count(); sent += batch)
            {
                for (int i = 0; i < Math.min(batch, args.count() - sent); i++)
                {
                    messages.add(body, 0, args.size());
                }
                push.send(messages);
            }
            return;
        }
        for (int i = 0; i < args.count(); i++)
        {
            push.send(message);
        }
    }

    private void bind(final Socket socket)
    {
        socket.bind(args.endpoint());
    }

    /** Counts the sink's messages and checks their size; owned by the sink's thread. */
    private static final class Counter implements MessageHandler
    {
        private final int size;
        private long received;

        Counter(final int size)
        {
            this.size = size;
        }

        @Override
        public void onMessage(final MessageView message)
        {
            int length = 0;
            while (message.next())
            {
                length += message.length();
            }
            if (length != size)
            {
                throw new BenchmarkFailedException("message " + received + " has " + length + " bytes, expected " +
                    size);
            }
            received++;
        }
    }
}
