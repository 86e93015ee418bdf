package io.monocoque.cli.peer;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.options.CommandFailedException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Waiting for a socket's first peer (handshake done), driving the engine when the context is in INVOKER mode.
 */
public final class PeerWait
{
    private PeerWait()
    {
    }

    /**
     * Wait until the socket has a connected peer.
     *
     * @param socket    the socket.
     * @param context   its context (driven in INVOKER mode).
     * @param timeoutMs longest wait; 0 = forever.
     * @param io        stop requests end the wait.
     * @return true if a peer is connected, false if a stop was requested first.
     * @throws CommandFailedException if the timeout passes first.
     */
    public static boolean awaitPeer(
        final Socket socket, final Context context, final long timeoutMs, final CommandIo io)
    {
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long startNs = System.nanoTime();
        while (socket.connectedPeers() == 0)
        {
            if (io.stopRequested())
            {
                return false;
            }
            if (timeoutMs > 0 && System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(timeoutMs))
            {
                throw new CommandFailedException("no peer connected within " + timeoutMs + " ms");
            }
            idle.idle(context.invoke());
        }
        return true;
    }
}
