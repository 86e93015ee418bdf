package io.monocoque.perf.latency;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.SendResult;
import io.monocoque.api.Socket;
import io.monocoque.perf.BenchmarkFailedException;

/**
 * Sends each message it is handed back on the same socket, unchanged: on a ROUTER the routing-id frame stays in
 * front, so the reply goes to the peer the message came from; on a REP the socket keeps the envelope itself.
 * Copies each message once, from the receive ring into a reusable {@link Message}, then into the send ring; no
 * allocation once the message has grown to the largest size seen. While the send ring is full it drives the engine
 * (INVOKER mode) until the reply fits.
 * <p>
 * Used by {@code monocoque echo} and by the latency benchmark's in-process far side; one thread.
 */
public final class Echoer implements MessageHandler
{
    private final Socket socket;
    private final Context context;
    private final Message reply = new Message();
    private long echoed;

    /**
     * Create an echoer.
     *
     * @param socket  the socket messages come from and go back to.
     * @param context its context, driven while back-pressured (a no-op in DEDICATED mode).
     */
    public Echoer(final Socket socket, final Context context)
    {
        this.socket = socket;
        this.context = context;
    }

    @Override
    public void onMessage(final MessageView message)
    {
        reply.clear();
        while (message.next())
        {
            reply.add(message.buffer(), message.offset(), message.length());
        }
        long result;
        while ((result = socket.offer(reply)) < 0)
        {
            if (result != SendResult.BACK_PRESSURED)
            {
                throw new BenchmarkFailedException("cannot echo: " + SendResult.toString(result));
            }
            if (context.invoke() == 0)
            {
                Thread.onSpinWait();
            }
        }
        echoed++;
    }

    /**
     * Messages echoed so far.
     *
     * @return the count.
     */
    public long echoed()
    {
        return echoed;
    }
}
