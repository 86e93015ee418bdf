package io.monocoque.api;

/**
 * A blocking send on a ROUTER with routerMandatory named a routing id no connected peer has (libzmq's EHOSTUNREACH).
 */
public final class HostUnreachableException extends MonocoqueException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message what went wrong and why.
     */
    public HostUnreachableException(final String message)
    {
        super(message);
    }
}
