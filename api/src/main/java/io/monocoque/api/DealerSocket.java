package io.monocoque.api;

/**
 * An asynchronous request/reply client (RFC 28): sends round-robin over connected peers, skipping peers whose buffers
 * are full, and fair-queues what it receives.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class DealerSocket extends Socket
{
    DealerSocket(final Context context)
    {
        super(context, SocketType.DEALER);
    }

    @Override
    boolean sendsFramesAsGiven()
    {
        return true;
    }
}
