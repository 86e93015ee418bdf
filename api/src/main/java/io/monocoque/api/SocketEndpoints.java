package io.monocoque.api;

import io.monocoque.engine.SocketProxy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a socket's {@code bind}, {@code connect}, {@code unbind} and {@code disconnect} calls do, and the list of
 * endpoints they leave behind ({@link Socket#endpoints()}, {@link Socket#lastEndpoint()}). Each call enters the
 * socket's {@link OwnerGuard}, checks the endpoint before anything starts, starts the socket at its first bind or
 * connect ({@link Socket#start()}) and asks the engine, whose refusals reach the caller as this module's exceptions
 * ({@link EngineFailures}). A bound endpoint is listed with its real port.
 * <p>
 * Owned by the socket's application thread.
 */
final class SocketEndpoints
{
    private final Socket socket;
    private final OwnerGuard guard;
    private final ArrayList<String> endpoints = new ArrayList<>();

    SocketEndpoints(final Socket socket, final OwnerGuard guard)
    {
        this.socket = socket;
        this.guard = guard;
    }

    /**
     * {@link Socket#bind(String)}.
     *
     * @param endpoint the endpoint to bind.
     * @return the bound endpoint with its real port.
     */
    String bind(final String endpoint)
    {
        guard.enter();
        try
        {
            EngineFailures.checkEndpoint(endpoint, false);
            final SocketProxy proxy = socket.start();
            final String bound = EngineFailures.bind(proxy, endpoint, socket.options().endpointConfig(socket.type()));
            endpoints.add(bound);
            return bound;
        }
        catch (final IllegalStateException ex)
        {
            throw closedMeanwhile(ex);
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link Socket#connect(String)}.
     *
     * @param endpoint the endpoint to connect to.
     */
    void connect(final String endpoint)
    {
        guard.enter();
        try
        {
            EngineFailures.checkEndpoint(endpoint, true);
            final SocketProxy proxy = socket.start();
            EngineFailures.connect(proxy, endpoint, socket.options().endpointConfig(socket.type()));
            endpoints.add(endpoint);
        }
        catch (final IllegalStateException ex)
        {
            throw closedMeanwhile(ex);
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link Socket#unbind(String)} ({@code connected} false) or {@link Socket#disconnect(String)} (true).
     *
     * @param endpoint  as bound or connected.
     * @param connected whether it is a connected endpoint.
     * @return true if it was bound or connected.
     */
    boolean remove(final String endpoint, final boolean connected)
    {
        guard.enter();
        try
        {
            socket.checkOpen();
            final SocketProxy proxy = socket.startedProxy();
            final boolean removed = proxy != null && (connected ? proxy.disconnect(endpoint) : proxy.unbind(endpoint));
            endpoints.remove(endpoint);
            return removed;
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * What the engine's refusal of a bind or connect means for the caller: a socket closed meanwhile (its context
     * closed from another thread, so the engine stopped or is closing the socket) fails as closed sockets do, with
     * {@link SocketClosedException}; any other refusal stands.
     */
    private RuntimeException closedMeanwhile(final IllegalStateException ex)
    {
        if (socket.isClosed())
        {
            final SocketClosedException closed = new SocketClosedException(socket.type() + " socket was closed " +
                "while it started (its context is closing)");
            closed.initCause(ex);
            return closed;
        }
        return ex;
    }

    /**
     * The endpoints bound (as returned by bind) or connected, oldest first.
     *
     * @return a copy of the list.
     */
    List<String> list()
    {
        return new ArrayList<>(endpoints);
    }

    /**
     * The endpoint bound or connected last.
     *
     * @return the endpoint, or null if there is none.
     */
    String last()
    {
        return endpoints.isEmpty() ? null : endpoints.get(endpoints.size() - 1);
    }

    @Override
    public String toString()
    {
        return endpoints.toString();
    }
}
