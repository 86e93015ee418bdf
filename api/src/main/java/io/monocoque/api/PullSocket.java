package io.monocoque.api;

import org.agrona.DirectBuffer;

/**
 * The receiving end of a pipeline (RFC 30): fair-queues messages from all connected PUSH peers. Cannot send.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class PullSocket extends Socket
{
    PullSocket(final Context context)
    {
        super(context, SocketType.PULL);
    }

    @Override
    boolean sendsNow()
    {
        return false;
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("a PULL socket cannot send");
    }
}
