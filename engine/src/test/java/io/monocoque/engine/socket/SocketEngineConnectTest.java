package io.monocoque.engine.socket;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.net.Endpoint;
import io.monocoque.engine.net.NetContext;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A {@code connect} whose connected endpoint cannot be set up (here: the agent's clock fails, as the connector's
 * first use of it) frees the connection it had allocated for it: it leaked its buffers. (Found by r2; its test,
 * adapted.)
 */
class SocketEngineConnectTest
{
    private static final String ENDPOINT = "tcp://127.0.0.1:5555";
    private static final int RING = 64 * 1024;

    @Test
    void shouldFreeTheConnectionWhenItsConnectedEndpointCannotBeSetUp()
    {
        final SocketEngine engine = new SocketEngine(
            SocketType.PUSH, Rings.allocate(RING), Rings.allocate(RING), new SocketStatus(), null);
        engine.attach(new FailingClockNet());
        final long before = directMemoryUsed();

        assertThrows(IllegalStateException.class, () ->
            engine.connect(Endpoint.parse(ENDPOINT), ENDPOINT, EndpointConfig.defaults(SocketType.PUSH)));

        assertEquals(before, directMemoryUsed(), "the connection's buffers were freed");
        assertEquals(0, engine.connectionCount(), "and it is not one of the socket's connections");
    }

    private static long directMemoryUsed()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool.getMemoryUsed();
            }
        }
        throw new IllegalStateException("no direct buffer pool");
    }

    /** An agent whose clock fails, as the connector's first use of it does. */
    private static final class FailingClockNet implements NetContext
    {
        @Override
        public SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
        {
            return null;
        }

        @Override
        public void deregister(final SelectableChannel channel)
        {
            // Nothing was registered.
        }

        @Override
        public long nextPeerId()
        {
            return 1;
        }

        @Override
        public long nowNs()
        {
            throw new IllegalStateException("no clock");
        }

        @Override
        public void log(final String message)
        {
            // Not under test.
        }

        @Override
        public void onConnectionFailure(final String what, final Throwable cause)
        {
            // Not under test.
        }
    }
}
