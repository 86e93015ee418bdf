package io.monocoque.api;

import io.monocoque.engine.SocketSpec;
import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * The subscriber of publish-subscribe (RFC 29, libzmq 4.3 semantics). Receives the messages whose first frame
 * starts with one of its subscription prefixes (the empty prefix matches everything); subscriptions are counted, so
 * subscribing twice to a prefix needs two unsubscribes. Subscriptions may be made before connecting; after every
 * (re)connect the socket sends all of them again, so a publisher that restarts is invisible to the application
 * apart from the messages published while it was down. Publishers filter for ZMTP 3.x peers; this socket filters
 * again on receipt. Cannot send.
 * <pre>{@code
 * SubSocket sub = (SubSocket)context.socket(SocketType.SUB);
 * sub.subscribe("prices.");
 * sub.connect("tcp://127.0.0.1:5556");
 * String update = sub.recvString();
 * }</pre>
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class SubSocket extends Socket
{
    /**
     * Send ring of a SUB unless {@link #sndHwmBytes(long)} says otherwise: it carries only subscriptions, so 64 KiB
     * (prefixes up to about 8 KiB) rather than the 4 MiB other sockets get, and a thousand SUB sockets in one
     * process do not each hold 4 MiB for a few bytes.
     */
    public static final long DEFAULT_SUBSCRIPTION_RING_BYTES = 64 * 1024;

    private final Context context;
    private final ArrayList<byte[]> early = new ArrayList<>();
    private boolean subscribing;

    SubSocket(final Context context)
    {
        super(context, SocketType.SUB);
        this.context = context;
        sendRecordType = MessageRecord.MSG_TYPE_SUBSCRIPTION;
    }

    @Override
    void configure(final SocketSpec spec)
    {
        if (!options().sndHwmBytesSet())
        {
            spec.sendRingBytes(DEFAULT_SUBSCRIPTION_RING_BYTES);
        }
    }

    /**
     * Subscribe to messages whose first frame starts with a prefix (libzmq's ZMQ_SUBSCRIBE). Does not block on
     * the network; may be called before connecting.
     *
     * @param prefix the prefix; empty subscribes to everything.
     * @return this.
     */
    public SubSocket subscribe(final byte[] prefix)
    {
        change(true, prefix);
        return this;
    }

    /**
     * Subscribe to a UTF-8 prefix.
     *
     * @param prefix the prefix; "" subscribes to everything.
     * @return this.
     */
    public SubSocket subscribe(final String prefix)
    {
        return subscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Remove one subscription to a prefix (libzmq's ZMQ_UNSUBSCRIBE): messages stop when every subscribe to it has
     * been matched by an unsubscribe. Unsubscribing a prefix not subscribed does nothing.
     *
     * @param prefix the prefix.
     * @return this.
     */
    public SubSocket unsubscribe(final byte[] prefix)
    {
        change(false, prefix);
        return this;
    }

    /**
     * Remove one subscription to a UTF-8 prefix.
     *
     * @param prefix the prefix.
     * @return this.
     */
    public SubSocket unsubscribe(final String prefix)
    {
        return unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
    }

    private void change(final boolean subscribe, final byte[] prefix)
    {
        enter();
        try
        {
            checkOpen();
            final byte[] body = new byte[1 + prefix.length];
            body[0] = (byte)(subscribe ? 1 : 0);
            System.arraycopy(prefix, 0, body, 1, prefix.length);
            if (!isStarted())
            {
                early.add(body); // sent when the socket starts (first bind or connect)
                return;
            }
            writeEarly(); // what an interrupted flush left goes first, so the order stays the user's
            write(body);
        }
        finally
        {
            exit();
        }
    }

    private void write(final byte[] body)
    {
        subscribing = true;
        try
        {
            long result;
            // The engine takes subscription records every duty cycle and never refuses them, so a full ring
            // empties quickly; wait for room rather than lose a subscription.
            while ((result = offer(body)) == SendResult.BACK_PRESSURED)
            {
                if (Thread.currentThread().isInterrupted())
                {
                    throw new SocketInterruptedException("interrupted while subscribing");
                }
                context.engine().idleWhileWaiting();
            }
            if (result == SendResult.CLOSED)
            {
                throw new SocketClosedException("socket is closed");
            }
        }
        finally
        {
            subscribing = false;
        }
    }

    @Override
    public String bind(final String endpoint)
    {
        final String bound = super.bind(endpoint);
        flushEarly();
        return bound;
    }

    @Override
    public void connect(final String endpoint)
    {
        super.connect(endpoint);
        flushEarly();
    }

    private void flushEarly()
    {
        if (early.isEmpty())
        {
            return;
        }
        enter();
        try
        {
            writeEarly();
        }
        finally
        {
            exit();
        }
    }

    /**
     * Write the waiting subscriptions in order, forgetting each once it is in the ring: a flush cut short by an
     * interrupt (or a closed socket) resumes with the first one not written, so none is sent, and counted, twice.
     */
    private void writeEarly()
    {
        int written = 0;
        try
        {
            while (written < early.size())
            {
                write(early.get(written));
                written++;
            }
        }
        finally
        {
            early.subList(0, written).clear();
        }
    }

    @Override
    boolean sendsNow()
    {
        return false; // subscriptions go through subscribe/unsubscribe, which never wait
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!subscribing)
        {
            throw new UnsupportedOperationException("a SUB socket cannot send messages; use subscribe/unsubscribe " +
                "(or an XSUB socket)");
        }
        return super.offerMessage(buffer, offset, length);
    }
}
