package io.monocoque.examples;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;

import java.util.Arrays;

/**
 * A Majordomo client, the ZeroMQ Guide's "mdcliapi": a REQ socket that sends a request to a service through the
 * broker and waits for the reply. When no reply comes within the timeout it gives the request up, opens a new
 * socket and sends it again (the Guide's "lazy pirate"), so a lost request, a dead worker or a restarted broker
 * costs one timeout, not the client; after the last retry it returns null.
 * <pre>{@code
 * try (MajordomoClient client = new MajordomoClient("tcp://localhost:5555"))
 * {
 *     byte[][] reply = client.send("echo", "hello".getBytes(StandardCharsets.UTF_8));
 * }
 * }</pre>
 * A retried request may be served twice (7/MDP assumes idempotent workers). Threads: one thread at a time calls
 * {@link #send}; {@link #close()} may be called from any thread.
 */
public final class MajordomoClient implements AutoCloseable
{
    /** The Guide's wait for a reply. */
    public static final long DEFAULT_TIMEOUT_MS = 2_500;
    /** The Guide's number of sends of one request, the first included. */
    public static final int DEFAULT_RETRIES = 3;

    private final Context context = Context.create();
    private final String brokerEndpoint;
    private final long timeoutMs;
    private final int retries;
    private Socket socket;

    /**
     * A client with the Guide's timeout and retries; it connects at once.
     *
     * @param brokerEndpoint the broker's endpoint, e.g. {@code tcp://localhost:5555}.
     */
    public MajordomoClient(final String brokerEndpoint)
    {
        this(brokerEndpoint, DEFAULT_TIMEOUT_MS, DEFAULT_RETRIES);
    }

    /**
     * A client; it connects at once. The caller's thread.
     *
     * @param brokerEndpoint the broker's endpoint.
     * @param timeoutMs      how long to wait for each reply.
     * @param retries        how many times to send a request in all before giving up (at least 1).
     */
    public MajordomoClient(final String brokerEndpoint, final long timeoutMs, final int retries)
    {
        if (retries < 1)
        {
            throw new IllegalArgumentException("retries must be at least 1: " + retries);
        }
        this.brokerEndpoint = brokerEndpoint;
        this.timeoutMs = timeoutMs;
        this.retries = retries;
        connectToBroker();
    }

    /**
     * Send a request to a service and wait for its reply, retrying on a new socket after each timeout. The client's
     * thread.
     *
     * @param service the service, e.g. {@code echo}, or {@code mmi.service} to ask the broker whether a service
     *                has workers (the body is the service's name; the reply is {@code 200} or {@code 404}).
     * @param body    the request body (one or more frames).
     * @return the reply body, or null if no reply came to any of the retries.
     * @throws IllegalStateException if the broker replied with something other than MDP for this service.
     * @throws io.monocoque.api.SocketClosedException if the client is closed.
     */
    public byte[][] send(final String service, final byte[]... body)
    {
        final byte[][] request = new byte[body.length + 2][];
        request[0] = Mdp.CLIENT_FRAME;
        request[1] = Mdp.text(service);
        System.arraycopy(body, 0, request, 2, body.length);
        for (int attempt = 1; attempt <= retries; attempt++)
        {
            socket.send(request);
            final byte[][] reply = socket.recvMultipart(); // ["MDPC01", service, body...] or null on timeout
            if (reply != null)
            {
                if (reply.length < 2 || !Mdp.isFrame(reply[0], Mdp.CLIENT_FRAME) ||
                    !Mdp.isFrame(reply[1], request[1]))
                {
                    throw new IllegalStateException("not an MDP reply from service " + service + ": " +
                        reply.length + " frames");
                }
                return Arrays.copyOfRange(reply, 2, reply.length);
            }
            // A REQ that got no reply cannot send again; a new socket also leaves any late reply behind.
            connectToBroker();
        }
        return null;
    }

    private void connectToBroker()
    {
        if (socket != null)
        {
            socket.close();
        }
        socket = context.socket(SocketType.REQ);
        socket.lingerMs(0).rcvTimeoutMs(timeoutMs); // the request given up on must not go out late
        socket.connect(brokerEndpoint);
    }

    /**
     * Close the context and its socket. Any thread; idempotent.
     */
    @Override
    public void close()
    {
        context.close();
    }

    /**
     * Send one request and print the reply.
     *
     * @param args the broker's endpoint, the service and the request text; default
     *             {@code tcp://localhost:5555 echo hello}.
     */
    public static void main(final String[] args)
    {
        final String endpoint = args.length > 0 ? args[0] : "tcp://localhost:5555";
        final String service = args.length > 1 ? args[1] : "echo";
        final String text = args.length > 2 ? args[2] : "hello";
        try (MajordomoClient client = new MajordomoClient(endpoint))
        {
            final byte[][] reply = client.send(service, Mdp.text(text));
            if (reply == null)
            {
                System.out.println("no reply from " + service);
                return;
            }
            for (final byte[] frame : reply)
            {
                System.out.println(service + ": " + Mdp.text(frame));
            }
        }
    }
}
