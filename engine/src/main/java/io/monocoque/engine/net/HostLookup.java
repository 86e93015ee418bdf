package io.monocoque.engine.net;

import io.monocoque.engine.shared.HostResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One host name look-up handed from the resolver thread to the agent: the resolver thread writes the outcome once,
 * then publishes it through the volatile {@code done} flag; the agent polls {@link #isDone()} in its duty cycle and
 * reads the outcome after it, so neither side takes a lock. Written by the resolver thread, read by the agent.
 */
public final class HostLookup
{
    private final String host;
    private InetAddress address;
    private String error;
    private volatile boolean done;

    HostLookup(final String host)
    {
        this.host = host;
    }

    /**
     * A look-up made at once on the calling thread (for agents that have no resolver thread, e.g. in tests).
     *
     * @param host     the name.
     * @param resolver the resolver.
     * @return the finished look-up.
     */
    public static HostLookup now(final String host, final HostResolver resolver)
    {
        final HostLookup lookup = new HostLookup(host);
        lookup.run(resolver);
        return lookup;
    }

    /**
     * Resolve and publish the outcome. Resolver thread (or the caller of {@link #now}).
     *
     * @param resolver the resolver.
     */
    void run(final HostResolver resolver)
    {
        try
        {
            address = resolver.resolve(host);
            if (address == null)
            {
                error = "unknown host '" + host + "'";
            }
        }
        catch (final UnknownHostException ex)
        {
            error = "unknown host '" + host + "'";
        }
        catch (final RuntimeException ex)
        {
            // A resolver bug must reach the agent as a failed attempt, not kill the resolver thread silently.
            error = "resolving '" + host + "' failed: " + ex;
        }
        done = true;
    }

    /**
     * Whether the outcome is published. Agent.
     *
     * @return true once {@link #address()} or {@link #error()} may be read.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * The address, once done.
     *
     * @return the address, or null if the look-up failed.
     */
    public InetAddress address()
    {
        return address;
    }

    /**
     * Why the look-up failed, once done.
     *
     * @return the reason, or null if it succeeded.
     */
    public String error()
    {
        return error;
    }

    /**
     * The name looked up.
     *
     * @return the host.
     */
    public String host()
    {
        return host;
    }
}
