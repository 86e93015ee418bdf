package io.monocoque.api;

/**
 * A publisher that also receives its subscribers' subscriptions, as libzmq 4.3's XPUB does: {@code recv}/{@code
 * poll} return one-frame messages {@code 0x01 prefix} (subscribe) and {@code 0x00 prefix} (unsubscribe). By default
 * a subscribe is delivered only when it is the first for its prefix across all subscribers, and an unsubscribe when
 * the last holder of the prefix cancels it or disconnects; {@link #xpubVerbose(boolean)} delivers every subscribe,
 * duplicates included. Ordinary messages an XSUB sends upstream are delivered as they are. Publishing works as
 * on {@link PubSocket}. Typical use: the backend of a {@link Proxy}.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class XPubSocket extends PublisherSocket
{
    XPubSocket(final Context context)
    {
        super(context, SocketType.XPUB);
    }

    /**
     * Whether every subscribe is delivered, duplicates included (libzmq's ZMQ_XPUB_VERBOSE).
     *
     * @return the option's value.
     */
    public boolean xpubVerbose()
    {
        return verbose();
    }

    /**
     * Deliver every subscribe, duplicates included, or (false, the default) only the first for each prefix.
     * Takes effect at once.
     *
     * @param verbose true to see duplicates.
     * @return this.
     */
    public XPubSocket xpubVerbose(final boolean verbose)
    {
        verbose(verbose);
        return this;
    }
}
