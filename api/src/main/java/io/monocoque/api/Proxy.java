package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * A forwarder between two sockets, like libzmq's {@code zmq_proxy}: every message received on one is sent on the
 * other, both ways, until the calling thread is interrupted or one of the sockets is closed. With an XSUB frontend
 * (connected to publishers) and an XPUB backend (bound for subscribers) it is a pub-sub forwarder: publications
 * flow downstream, and the subscribers' subscriptions, which the XPUB delivers as messages, flow upstream through
 * the XSUB to the publishers. An optional capture socket gets a copy of every message (dropped if it cannot take it).
 * <pre>{@code
 * Thread forwarder = new Thread(() -> Proxy.run(xsub, xpub));
 * forwarder.start();
 * ...
 * forwarder.interrupt();   // then join it, then close the sockets
 * forwarder.join();
 * }</pre>
 * The sockets belong to the proxy's thread while it runs. Stop it by interrupting that thread and joining it before
 * closing the sockets or their context from another thread. A message the other side cannot take yet (its send
 * ring is full) is held, and that direction stops receiving until it goes: back-pressure, never loss (except to a
 * side with no endpoint at all, where it is dropped).
 */
public final class Proxy
{
    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Direction downstream;
    private final Direction upstream;

    private Proxy(final Socket frontend, final Socket backend, final Socket capture)
    {
        this.frontend = frontend;
        this.backend = backend;
        this.capture = capture;
        this.downstream = new Direction(frontend, backend);
        this.upstream = new Direction(backend, frontend);
    }

    /**
     * Forward messages both ways until the thread is interrupted (the interrupt flag stays set) or a socket closes.
     * Blocks the calling thread.
     *
     * @param frontend e.g. an XSUB connected to publishers.
     * @param backend  e.g. an XPUB bound for subscribers.
     */
    public static void run(final Socket frontend, final Socket backend)
    {
        run(frontend, backend, null);
    }

    /**
     * Forward messages both ways, sending a copy of each to {@code capture}, until the thread is interrupted or a
     * socket closes. Blocks the calling thread.
     *
     * @param frontend e.g. an XSUB connected to publishers.
     * @param backend  e.g. an XPUB bound for subscribers.
     * @param capture  receives a copy of every message (e.g. a PUSH or PUB), or null.
     */
    public static void run(final Socket frontend, final Socket backend, final Socket capture)
    {
        if (frontend == null || backend == null || frontend == backend)
        {
            throw new IllegalArgumentException("a proxy needs two different sockets");
        }
        new Proxy(frontend, backend, capture).loop();
    }

    private void loop()
    {
        final IdleStrategy idle = new BackoffIdleStrategy();
        final Context context = frontend.context();
        while (!Thread.currentThread().isInterrupted())
        {
            if (frontend.isClosed() || backend.isClosed())
            {
                return;
            }
            final int work = downstream.forward() + upstream.forward();
            if (downstream.stopped || upstream.stopped)
            {
                return;
            }
            if (work == 0)
            {
                final int engineWork = context.invoke(); // INVOKER mode: the proxy thread drives the engine
                idle.idle(engineWork);
            }
            else
            {
                idle.reset();
            }
        }
    }

    /** One direction: receive from one socket, send to the other, holding a message the other cannot take yet. */
    private final class Direction implements MessageHandler
    {
        private final Socket from;
        private final Socket to;
        private final Message held = new Message();
        private final FrameCursor cursor = new FrameCursor();
        private boolean holding;
        boolean stopped;

        Direction(final Socket from, final Socket to)
        {
            this.from = from;
            this.to = to;
        }

        int forward()
        {
            int work = 0;
            while (true)
            {
                if (!holding && from.poll(this, 1) == 0)
                {
                    return work;
                }
                final long result = to.offer(held);
                if (result == SendResult.BACK_PRESSURED)
                {
                    return work; // keep it, try again next round
                }
                if (result == SendResult.CLOSED)
                {
                    stopped = true;
                    return work;
                }
                if (capture != null)
                {
                    capture.offer(held);
                }
                holding = false;
                work++;
            }
        }

        @Override
        public void onMessage(final MessageView message)
        {
            held.setEncoded(message.buffer(), message.encodedOffset(), message.encodedLength(), cursor);
            holding = true;
        }
    }
}
