package io.monocoque.api;

import io.monocoque.engine.SocketProxy;
import io.monocoque.engine.shared.EndpointConfig;

/**
 * Where the engine's refusals of an endpoint become the exceptions users catch: the engine reports a malformed
 * endpoint or an address in use with its own types (it cannot see this module), and every endpoint call of a
 * socket goes through here so users see only {@link InvalidEndpointException} and
 * {@link EndpointInUseException}, with the engine's message. Stateless; called on the socket's thread.
 */
final class EngineFailures
{
    private EngineFailures()
    {
    }

    static void checkEndpoint(final String endpoint, final boolean forConnect)
    {
        try
        {
            SocketProxy.checkEndpoint(endpoint, forConnect);
        }
        catch (final io.monocoque.engine.shared.InvalidEndpointException ex)
        {
            throw invalid(ex);
        }
    }

    static String bind(final SocketProxy proxy, final String endpoint, final EndpointConfig config)
    {
        try
        {
            return proxy.bind(endpoint, config);
        }
        catch (final io.monocoque.engine.shared.InvalidEndpointException ex)
        {
            throw invalid(ex);
        }
        catch (final io.monocoque.engine.shared.EndpointInUseException ex)
        {
            throw new EndpointInUseException(endpoint, ex.getMessage());
        }
    }

    static void connect(final SocketProxy proxy, final String endpoint, final EndpointConfig config)
    {
        try
        {
            proxy.connect(endpoint, config);
        }
        catch (final io.monocoque.engine.shared.InvalidEndpointException ex)
        {
            throw invalid(ex);
        }
    }

    private static InvalidEndpointException invalid(final io.monocoque.engine.shared.InvalidEndpointException ex)
    {
        return new InvalidEndpointException(ex.endpoint(), ex.getMessage());
    }
}
