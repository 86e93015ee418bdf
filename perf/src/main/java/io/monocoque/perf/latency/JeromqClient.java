package io.monocoque.perf.latency;

import org.agrona.concurrent.UnsafeBuffer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * JeroMQ 0.6's measuring client: a DEALER or REQ socket in its own {@link ZContext} (one I/O thread), sending with
 * {@code DONTWAIT} from a preallocated request and receiving into a preallocated reply array. With the busy or
 * yield idle strategy it polls with {@code DONTWAIT} and waits as Monocoque's client does; with backoff (closed
 * loop) it waits in JeroMQ's own blocking receive, JeroMQ's natural mode, which leaves the CPU to its I/O thread.
 * JeroMQ allocates internally per message (its {@code Msg}); the benchmark itself does not.
 */
final class JeromqClient implements LatencyClient
{
    private static final int POLL_LIMIT = 16;
    /** Longest single blocking receive, so that the loops can check their timeouts. */
    private static final int BLOCKING_SLICE_MS = 100;

    private final LatencyConfig config;
    private final boolean blocking;
    private ZContext context;
    private ZMQ.Socket socket;
    private byte[] request;
    private UnsafeBuffer requestStamp;
    private byte[] reply;
    private UnsafeBuffer replyStamp;

    JeromqClient(final LatencyConfig config)
    {
        this.config = config;
        this.blocking = blocking(config);
    }

    /**
     * Whether the client waits for replies in JeroMQ's blocking receive.
     *
     * @param config the run.
     * @return true for the backoff idle strategy in a closed loop.
     */
    static boolean blocking(final LatencyConfig config)
    {
        return config.idleFor(Impl.JEROMQ).blocks() && !config.openLoop();
    }

    @Override
    public String open(final String endpoint, final boolean bind, final long timeoutMs)
    {
        request = new byte[config.size()];
        requestStamp = new UnsafeBuffer(request);
        reply = new byte[Math.max(config.size(), Long.BYTES)];
        replyStamp = new UnsafeBuffer(reply);
        context = new ZContext(1);
        socket = context.createSocket(SocketType.valueOf(config.pattern().clientType()));
        socket.setLinger(0);
        // Match Monocoque's byte HWM loosely: enough messages that an open-loop run is not throttled by the HWM.
        socket.setSndHWM(100_000);
        socket.setRcvHWM(100_000);
        socket.setReceiveTimeOut(BLOCKING_SLICE_MS);
        if (bind)
        {
            socket.bind(endpoint.endsWith(":0") ? endpoint.substring(0, endpoint.length() - 1) + "*" : endpoint);
            return socket.getLastEndpoint();
        }
        socket.connect(endpoint);
        // JeroMQ cannot tell when the peer is there; the first round trip waits for it (bounded by the timeout).
        return endpoint;
    }

    @Override
    public boolean offer(final long stampNs)
    {
        if (config.size() >= Long.BYTES)
        {
            requestStamp.putLong(0, stampNs);
        }
        return socket.send(request, 0, request.length, ZMQ.DONTWAIT);
    }

    @Override
    public int poll(final ReplySink sink)
    {
        int replies = 0;
        while (replies < POLL_LIMIT)
        {
            final int length = socket.recv(reply, 0, reply.length, blocking && replies == 0 ? 0 : ZMQ.DONTWAIT);
            if (length < 0)
            {
                break;
            }
            replies++;
            sink.onReply(length >= Long.BYTES ? replyStamp.getLong(0) : ReplySink.NO_STAMP);
        }
        return replies;
    }

    @Override
    public void close()
    {
        if (context != null)
        {
            context.close();
        }
    }
}
