package io.monocoque.cli.peer;

import io.monocoque.api.Socket;
import io.monocoque.api.SubSocket;
import io.monocoque.api.XSubSocket;
import io.monocoque.cli.options.CommandFailedException;

/**
 * Subscribing a SUB or XSUB socket to a prefix, for {@code recv --subscribe} and the PUB/SUB throughput stream.
 */
public final class Subscriptions
{
    private Subscriptions()
    {
    }

    /**
     * Subscribe to messages whose first frame starts with a prefix. A SUB socket records it (and sends it to
     * every publisher, now and after reconnects); an XSUB socket sends a subscription message, so call this after
     * binding or connecting.
     *
     * @param socket a SUB or XSUB socket.
     * @param prefix the prefix; empty for everything.
     * @throws IllegalArgumentException for another socket type.
     */
    public static void subscribe(final Socket socket, final byte[] prefix)
    {
        if (socket instanceof SubSocket)
        {
            ((SubSocket)socket).subscribe(prefix);
        }
        else if (socket instanceof XSubSocket)
        {
            if (!((XSubSocket)socket).subscribe(prefix))
            {
                throw new CommandFailedException("the XSUB subscription message could not be sent");
            }
        }
        else
        {
            throw new IllegalArgumentException(socket.type() + " sockets do not subscribe");
        }
    }
}
