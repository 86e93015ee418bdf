package io.monocoque.engine.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into an address; the system's resolver ({@link #SYSTEM}) unless a test injects another, e.g. one
 * that blocks or fails, through the engine context. May block for as long as the name service takes: the engine
 * calls it on its resolver thread (connect) or on the application thread that binds, never on the agent.
 * Implementations are called from those threads, one call at a time per thread.
 */
@FunctionalInterface
public interface HostResolver
{
    /** The JDK's name service ({@link InetAddress#getByName(String)}). */
    HostResolver SYSTEM = InetAddress::getByName;

    /**
     * Resolve a host name.
     *
     * @param host a name such as {@code example.com} (never a wildcard).
     * @return its address.
     * @throws UnknownHostException if the name does not resolve (now).
     */
    InetAddress resolve(String host) throws UnknownHostException;
}
