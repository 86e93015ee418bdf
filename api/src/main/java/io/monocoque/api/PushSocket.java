package io.monocoque.api;

/**
 * The sending end of a pipeline (RFC 30): round-robin over connected PULL peers, skipping full ones. Cannot receive.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class PushSocket extends Socket
{
    PushSocket(final Context context)
    {
        super(context, SocketType.PUSH);
    }

    @Override
    boolean receivesNow()
    {
        return false;
    }

    @Override
    void checkCanReceive()
    {
        throw new UnsupportedOperationException("a PUSH socket cannot receive");
    }

    @Override
    boolean sendsFramesAsGiven()
    {
        return true;
    }
}
