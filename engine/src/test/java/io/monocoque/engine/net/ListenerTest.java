package io.monocoque.engine.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A listener whose set-up of an accepted channel throws closes that channel (it leaked, left open with nobody
 * reading it) and goes on accepting.
 */
class ListenerTest
{
    @Test
    void shouldCloseAnAcceptedChannelWhoseSetUpThrowsAndGoOnAccepting() throws Exception
    {
        try (Selector selector = Selector.open())
        {
            final int[] handled = new int[1];
            final Listener listener = Listener.bind(Endpoint.parse("tcp://127.0.0.1:0"), "tcp://127.0.0.1:0",
                (l, channel) ->
                {
                    if (handled[0]++ == 0)
                    {
                        throw new IllegalStateException("set-up failed");
                    }
                }, new SelectorNet(selector));
            final URI uri = URI.create(listener.boundEndpoint());
            try (SocketChannel refused = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort())))
            {
                acceptAll(listener);
                refused.socket().setSoTimeout(5_000);
                assertEquals(-1, refused.read(ByteBuffer.allocate(1)), "the channel whose set-up threw is closed");
            }
            try (SocketChannel next = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort())))
            {
                acceptAll(listener);
                assertEquals(2, handled[0], "the next one is accepted");
            }
            listener.close();
        }
    }

    private static void acceptAll(final Listener listener) throws InterruptedException
    {
        for (int i = 0; i < 500 && listener.onAcceptable() == 0; i++)
        {
            Thread.sleep(2);
        }
    }

    /** Just enough of the agent for a listener: a selector to register with. */
    private static final class SelectorNet implements NetContext
    {
        private final Selector selector;

        SelectorNet(final Selector selector)
        {
            this.selector = selector;
        }

        @Override
        public SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
        {
            try
            {
                return channel.register(selector, ops, attachment);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void deregister(final SelectableChannel channel)
        {
            final SelectionKey key = channel.keyFor(selector);
            if (key != null)
            {
                key.cancel();
            }
        }

        @Override
        public long nextPeerId()
        {
            return 1;
        }

        @Override
        public long nowNs()
        {
            return System.nanoTime();
        }

        @Override
        public void log(final String message)
        {
        }

        @Override
        public void onConnectionFailure(final String what, final Throwable cause)
        {
        }
    }
}
