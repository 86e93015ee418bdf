package io.monocoque.perf.bench;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.ThreadingMode;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * DEALER–DEALER ping-pong, both sides Monocoque, each side in its own context in INVOKER mode: the benchmark thread
 * and the echo thread each drive their own engine's duty cycle, so the run uses exactly two threads, like a raw
 * NIO ping-pong between two processes. The echo side copies each request once into its send ring; the client
 * sends from a preallocated {@link Message} and polls without copying: no allocation per round trip.
 */
public final class MonocoquePingPong implements PingPong
{
    private final Idle idle;
    private Context clientContext;
    private Context serverContext;
    private Socket client;
    private Thread echoThread;
    private volatile boolean running;
    private final Message request = new Message();
    private final MessageHandler onReply = this::onReply;
    private IdleStrategy clientIdle;
    private int replies;

    /**
     * Create the scenario.
     *
     * @param idle how both threads wait when there is no work.
     */
    public MonocoquePingPong(final Idle idle)
    {
        this.idle = idle;
    }

    @Override
    public void open(final int size) throws Exception
    {
        request.clear().add(new UnsafeBuffer(new byte[size]), 0, size);
        serverContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build();
        final String[] endpoint = new String[1];
        final Throwable[] failure = new Throwable[1];
        final java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(1);
        running = true;
        echoThread = new Thread(() -> echo(endpoint, bound, failure), "monocoque-echo");
        echoThread.setDaemon(true);
        echoThread.start();
        bound.await();
        if (failure[0] != null)
        {
            throw new IllegalStateException("echo side failed", failure[0]);
        }
        clientContext = Context.builder().threadingMode(ThreadingMode.INVOKER).build();
        client = clientContext.socket(SocketType.DEALER);
        client.connect(endpoint[0]);
        clientIdle = idle.newStrategy();
    }

    private void echo(final String[] endpoint, final java.util.concurrent.CountDownLatch bound, final Throwable[] failure)
    {
        final Socket server;
        try
        {
            server = serverContext.socket(SocketType.DEALER);
            endpoint[0] = server.bind("tcp://127.0.0.1:0");
        }
        catch (final Throwable ex)
        {
            failure[0] = ex;
            bound.countDown();
            return;
        }
        bound.countDown();
        final IdleStrategy echoIdle = idle.newStrategy();
        final Echo echo = new Echo(server, serverContext);
        while (running)
        {
            final int work = serverContext.invoke() + server.poll(echo, 16);
            echoIdle.idle(work);
        }
        serverContext.close();
    }

    /** Sends each message back as it is, from the receive ring straight into the send ring. */
    private static final class Echo implements MessageHandler
    {
        private final Socket socket;
        private final Context context;
        private final Message reply = new Message();

        Echo(final Socket socket, final Context context)
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
            while (socket.offer(reply) < 0)
            {
                context.invoke();
            }
        }
    }

    private void onReply(final MessageView message)
    {
        replies++;
    }

    @Override
    public void roundTrip()
    {
        while (client.offer(request) < 0)
        {
            clientContext.invoke();
        }
        final int target = replies + 1;
        clientIdle.reset();
        while (replies < target)
        {
            final int work = clientContext.invoke() + client.poll(onReply, 1);
            clientIdle.idle(work);
        }
    }

    @Override
    public String name()
    {
        return "monocoque dealer " + idle.label();
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        if (echoThread != null)
        {
            echoThread.join(5000);
        }
        if (clientContext != null)
        {
            clientContext.close();
        }
    }
}
