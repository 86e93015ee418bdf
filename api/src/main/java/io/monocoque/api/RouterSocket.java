package io.monocoque.api;

import io.monocoque.engine.shared.RoutingDirectory;
import org.agrona.DirectBuffer;

/**
 * The asynchronous server of request/reply (RFC 28): every received message starts with a frame holding the
 * routing id of the peer it came from (the peer's Identity from READY, or a generated 5-byte id as libzmq makes);
 * every sent message must start with such a frame and goes to that peer only. A message for an unknown routing
 * id is dropped, or with {@link #routerMandatory(boolean)} refused with {@link SendResult#HOST_UNREACHABLE}.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class RouterSocket extends Socket
{
    private boolean routerMandatory;

    RouterSocket(final Context context)
    {
        super(context, SocketType.ROUTER);
    }

    /**
     * Whether sending to an unknown routing id is an error rather than a silent drop.
     *
     * @return the option's value.
     */
    public boolean routerMandatory()
    {
        return routerMandatory;
    }

    /**
     * Set routerMandatory (libzmq's ZMQ_ROUTER_MANDATORY).
     *
     * @param mandatory true to refuse unknown routing ids.
     * @return this.
     */
    public RouterSocket routerMandatory(final boolean mandatory)
    {
        checkOpen();
        this.routerMandatory = mandatory;
        return this;
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        cursor.wrap(buffer, offset, length);
        if (!cursor.next() || !cursor.hasMore())
        {
            throw new IllegalArgumentException(
                "a ROUTER message needs a routing id frame followed by at least one frame");
        }
        final long peerId = status().directory().lookup(buffer, cursor.bodyOffset(), cursor.bodyLength());
        if (peerId == RoutingDirectory.UNKNOWN)
        {
            // libzmq drops silently unless ZMQ_ROUTER_MANDATORY is set.
            return routerMandatory ? SendResult.HOST_UNREACHABLE : length;
        }
        final int bodyStart = cursor.nextFrameOffset();
        return writeRecord(peerId, null, 0, 0, buffer, bodyStart, offset + length - bodyStart);
    }
}
