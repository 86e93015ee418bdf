package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;

/**
 * REQ's memory of where its outstanding request went, so that only that peer's reply is delivered (libzmq's REQ
 * drops replies from any other peer). Set by {@link RoundRobinRouter} when it stages a request, checked and cleared
 * by {@link ReplyDelivery}, forgotten when the connection is released. Owned by the engine agent thread.
 */
public final class RequestCorrelation
{
    private Connection requested;

    /**
     * A request was staged on a connection.
     *
     * @param connection where it went.
     */
    void requestSentTo(final Connection connection)
    {
        requested = connection;
    }

    /**
     * Whether a connection is the one the outstanding request went to.
     *
     * @param connection a connection a reply came from.
     * @return true if its reply is awaited.
     */
    boolean awaitsReplyFrom(final Connection connection)
    {
        return requested == connection;
    }

    /**
     * The reply was delivered: nothing is outstanding.
     */
    void replyDelivered()
    {
        requested = null;
    }

    /**
     * A connection is being released: a request outstanding on it can never be answered.
     *
     * @param connection the connection.
     */
    void forget(final Connection connection)
    {
        if (requested == connection)
        {
            requested = null;
        }
    }
}
