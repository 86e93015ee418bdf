package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;

/**
 * The one refusal for a message larger than a receive-ring record can hold: the connection that sent it is closed
 * with a reason that says what to raise (libzmq closes a connection whose message exceeds its maxMsgSize).
 * Stateless.
 */
final class Oversize
{
    private Oversize()
    {
    }

    /**
     * Close the connection that sent a message too large for the receive ring.
     *
     * @param connection the sender.
     * @param length     the message's encoded length.
     * @param largest    the largest encoded message the ring accepts from it.
     */
    static void close(final Connection connection, final int length, final int largest)
    {
        connection.close("message of " + length + " encoded bytes exceeds the largest message the receive " +
            "ring holds (" + largest + " bytes = rcvHwmBytes/8 less record overhead); raise rcvHwmBytes");
    }
}
