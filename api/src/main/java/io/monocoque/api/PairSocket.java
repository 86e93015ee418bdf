package io.monocoque.api;

/**
 * An exclusive pair (RFC 31): one peer at a time; a second peer is refused.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class PairSocket extends Socket
{
    PairSocket(final Context context)
    {
        super(context, SocketType.PAIR);
    }

    @Override
    boolean sendsFramesAsGiven()
    {
        return true;
    }
}
