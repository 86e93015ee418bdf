package io.monocoque.api;

/**
 * The publisher of publish-subscribe (RFC 29, libzmq 4.3 semantics): each message goes to every connected
 * subscriber whose subscriptions match its first frame by prefix (publisher-side filtering; SUB filters again).
 * Never blocks on a subscriber: a slow one is dropped for (counted in {@link #droppedMessages()}) and never delays
 * the others; see {@link PublisherSocket} for the fan-out options. Cannot receive.
 * <pre>{@code
 * PubSocket pub = (PubSocket)context.socket(SocketType.PUB);
 * pub.bind("tcp://*:5556");
 * pub.send("prices.EURUSD 1.0842");
 * }</pre>
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class PubSocket extends PublisherSocket
{
    PubSocket(final Context context)
    {
        super(context, SocketType.PUB);
    }

    @Override
    boolean receivesNow()
    {
        return false;
    }

    @Override
    void checkCanReceive()
    {
        throw new UnsupportedOperationException("a PUB socket cannot receive (use XPUB to see subscriptions)");
    }
}
