package io.monocoque.engine.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dialler over real loopback sockets, with the agent's clock played by the test: a refused connect is tried
 * again after {@code reconnectIvl}, doubling up to {@code reconnectIvlMax}, and from the base again after a handshake
 * succeeded; a connect the peer never answers (its listen backlog is full) is abandoned after the connect timeout
 * and tried again; no retry when reconnection is disabled or the connector is closed. Only the kernel's answer to a
 * connect is awaited in real time (by polling the selector); every deadline is crossed through {@code nowNs}.
 */
class ConnectorTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = TimeUnit.SECONDS.toNanos(1000);
    private static final long KERNEL_ANSWER_LIMIT_NS = TimeUnit.SECONDS.toNanos(10);

    private final List<SocketChannel> connected = new ArrayList<>();
    private final List<SelectionKey> connectedKeys = new ArrayList<>();
    private final List<SelectableChannel> registered = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<HostLookup> lookups = new ArrayList<>();
    private final List<String> retries = new ArrayList<>();
    private final SelectorPoller poller = new SelectorPoller(this::onSelected, Throwable::printStackTrace);
    private long nowNs = T0;
    private int outcomes;
    private Connector connector;

    @AfterEach
    void close() throws Exception
    {
        if (connector != null)
        {
            connector.close();
        }
        for (final SocketChannel channel : connected)
        {
            channel.close();
        }
        for (final AutoCloseable resource : resources)
        {
            resource.close();
        }
        poller.close();
    }

    @Test
    void shouldRetryARefusedConnectAfterTheIntervalDoublingUpToTheMaximum() throws IOException
    {
        connector = connector(refusingEndpoint(), 100, 400, 0);

        attempt(T0);
        assertEquals(1, connector.attempts());
        assertTrue(connector.lastError().contains("Connection refused"), connector.lastError());

        long failedAtNs = T0;
        for (final long delayMs : new long[]{100, 200, 400, 400})
        {
            final long dueNs = failedAtNs + delayMs * MS;
            final long attempts = connector.attempts();
            assertEquals(0, connector.onTimer(dueNs - 1), "not before " + delayMs + " ms");
            assertEquals(attempts, connector.attempts());

            attempt(dueNs);
            assertEquals(attempts + 1, connector.attempts(), "retried after " + delayMs + " ms");
            failedAtNs = dueNs;
        }
        assertEquals(List.of(), connected);
    }

    @Test
    void shouldHandOverTheConnectedChannelAndStartTheBackOffAgainAfterAHandshake() throws IOException
    {
        final String endpoint = refusingEndpoint();
        connector = connector(endpoint, 100, 400, 0);
        attempt(T0);
        attempt(T0 + 100 * MS);
        attempt(T0 + 300 * MS); // three refusals: the next delay would be 400 ms
        final ServerSocketChannel listener = listen(endpoint, 16);

        attempt(T0 + 700 * MS);

        assertEquals(1, connected.size(), "the handler got the channel");
        assertTrue(connected.get(0).isConnected());
        final SelectionKey key = connectedKeys.get(0);
        if (key != null)
        {
            assertSame(connector, key.attachment(), "the connect key, for the session to re-attach");
        }
        final SocketChannel accepted = acceptBlocking(listener);
        resources.add(accepted);

        connector.onHandshakeSucceeded(); // as the socket does once the session's handshake completes
        final long droppedAtNs = T0 + 5_000 * MS;
        connector.scheduleReconnect(droppedAtNs); // the session drops
        assertEquals(0, connector.onTimer(droppedAtNs + 100 * MS - 1));
        attempt(droppedAtNs + 100 * MS);
        assertEquals(5, connector.attempts(), "retried after the base interval again");
    }

    @Test
    void shouldAbandonAConnectThatDidNotCompleteWithinTheTimeoutAndTryAgain() throws IOException
    {
        connector = connector(unansweredEndpoint(), 100, 0, 250);

        assertEquals(1, connector.onTimer(T0));
        assertEquals(1, registered.size(), "the connect is pending");
        for (int i = 0; i < 3; i++)
        {
            poller.poll(nowNs, 0);
        }
        assertEquals(0, outcomes, "the peer does not answer");

        assertEquals(0, connector.onTimer(T0 + 250 * MS - 1));
        assertEquals(1, connector.onTimer(T0 + 250 * MS));

        assertEquals("connect did not complete within 250 ms", connector.lastError());
        assertFalse(registered.get(0).isOpen(), "the abandoned channel is closed");
        assertEquals(0, connector.onTimer(T0 + 350 * MS - 1));
        assertEquals(1, connector.onTimer(T0 + 350 * MS));
        assertEquals(2, connector.attempts());
    }

    @Test
    void shouldCloseAPendingConnectWhenClosed() throws IOException
    {
        connector = connector(unansweredEndpoint(), 100, 0, 0);
        assertEquals(1, connector.onTimer(T0));
        assertEquals(1, registered.size(), "the connect is pending");

        connector.close();

        assertFalse(registered.get(0).isOpen());
        assertEquals(0, connector.onTimer(T0 + TimeUnit.HOURS.toNanos(1)), "no timeout, no retry");
        assertEquals(1, connector.attempts());
    }

    @Test
    void shouldNotRetryWhenReconnectionIsDisabled() throws IOException
    {
        connector = connector(refusingEndpoint(), -1, 0, 0);

        attempt(T0);

        assertEquals(0, connector.onTimer(T0 + TimeUnit.HOURS.toNanos(1)));
        assertEquals(1, connector.attempts());
        assertNotNull(connector.lastError());
    }

    @Test
    void shouldStopTryingOnceClosed() throws IOException
    {
        connector = connector(refusingEndpoint(), 100, 0, 0);
        attempt(T0);

        connector.close();

        assertTrue(connector.isClosed());
        assertEquals(0, connector.onTimer(T0 + TimeUnit.HOURS.toNanos(1)));
        connector.scheduleReconnect(T0);
        assertEquals(0, connector.onTimer(T0 + TimeUnit.HOURS.toNanos(2)));
        assertEquals(1, connector.attempts());
    }

    @Test
    void shouldMakeItsFirstAttemptOnTheFirstCycle() throws IOException
    {
        connector = connector(refusingEndpoint(), 100, 0, 0);

        assertNull(connector.lastError());
        assertEquals(1, connector.onTimer(T0));

        assertEquals(1, connector.attempts());
    }

    @Test
    void shouldWaitForTheLookUpOfANameWithoutBlockingAndRetryAnUnknownNameWithTheBackOff() throws IOException
    {
        final String literal = refusingEndpoint();
        final String port = literal.substring(literal.lastIndexOf(':') + 1);
        final String named = "tcp://late.connector.test:" + port;
        connector = connector(named, 100, 0, 0);

        assertEquals(1, connector.onTimer(T0), "the look-up is started");
        assertEquals(1, lookups.size());
        assertEquals("late.connector.test", lookups.get(0).host());
        assertEquals(0, connector.onTimer(T0 + TimeUnit.HOURS.toNanos(1)), "waiting for the answer is no work");
        assertEquals(1, lookups.size(), "and asks no second time");

        lookups.get(0).run(host ->
        {
            throw new UnknownHostException(host);
        });
        assertEquals(1, connector.onTimer(T0 + MS));
        assertTrue(connector.lastError().contains("unknown host 'late.connector.test'"), connector.lastError());
        assertEquals(List.of("connect to " + named + ": unknown host 'late.connector.test'; retrying in 100 ms"),
            retries);

        assertEquals(0, connector.onTimer(T0 + 101 * MS - 1), "not before the reconnect interval");
        assertEquals(1, connector.onTimer(T0 + 101 * MS));
        assertEquals(2, lookups.size(), "looked up again at the retry");
        final ServerSocketChannel listener = listen(literal, 16);
        lookups.get(1).run(host -> InetAddress.getLoopbackAddress());
        attempt(T0 + 102 * MS);

        assertEquals(1, connected.size(), "connected once the name resolved");
        resources.add(acceptBlocking(listener));
        assertEquals(2, connector.attempts());
    }

    @Test
    void shouldReportARepeatedLookUpFailureAsOrdinary()
    {
        connector = connector("tcp://never.connector.test:5555", 100, 0, 0);
        for (int i = 0; i < 2; i++)
        {
            final long atNs = T0 + i * 100 * MS;
            assertEquals(1, connector.onTimer(atNs));
            lookups.get(i).run(host -> null);
            assertEquals(1, connector.onTimer(atNs));
        }
        assertEquals(2, retries.size());
        assertFalse(retries.get(0).startsWith("ordinary: "), "the first failure is worth an operator's look");
        assertTrue(retries.get(1).startsWith("ordinary: "), retries.get(1));
    }

    /** Let the connector attempt at a time, then wait for the kernel's answer, handled at that same time. */
    private void attempt(final long atNs)
    {
        nowNs = atNs;
        final int registeredBefore = registered.size();
        final int outcomesBefore = outcomes;
        assertEquals(1, connector.onTimer(atNs), "an attempt is due");
        if (registered.size() == registeredBefore)
        {
            return; // the connect succeeded or failed at once
        }
        final long giveUpNs = System.nanoTime() + KERNEL_ANSWER_LIMIT_NS;
        while (outcomes == outcomesBefore)
        {
            poller.poll(atNs, 0);
            if (System.nanoTime() - giveUpNs > 0)
            {
                fail("the kernel did not answer the connect");
            }
        }
    }

    private int onSelected(final SelectionKey key)
    {
        final int work = ((Connector)key.attachment()).onConnectable(nowNs);
        outcomes += work;
        return work;
    }

    private Connector connector(
        final String endpoint, final long reconnectIvlMs, final long reconnectIvlMaxMs, final long connectTimeoutMs)
    {
        final Endpoint parsed = Endpoint.parse(endpoint);
        parsed.checkConnectable();
        return new Connector(parsed, endpoint, reconnectIvlMs, reconnectIvlMaxMs, connectTimeoutMs,
            (connector, channel, key) ->
            {
                connected.add(channel);
                connectedKeys.add(key);
            },
            new TestNet());
    }

    /** An endpoint on a loopback port nobody listens on (bound, then closed). */
    private static String refusingEndpoint() throws IOException
    {
        try (ServerSocketChannel probe = ServerSocketChannel.open())
        {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return "tcp://127.0.0.1:" + ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
    }

    /** An endpoint whose listener's accept queue is full: the kernel drops further SYNs, so a connect hangs. */
    private String unansweredEndpoint() throws IOException
    {
        final ServerSocketChannel listener = ServerSocketChannel.open();
        resources.add(listener);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        for (int i = 0; i < 2; i++)
        {
            resources.add(SocketChannel.open(listener.getLocalAddress()));
        }
        return "tcp://127.0.0.1:" + ((InetSocketAddress)listener.getLocalAddress()).getPort();
    }

    private ServerSocketChannel listen(final String endpoint, final int backlog) throws IOException
    {
        final ServerSocketChannel listener = ServerSocketChannel.open();
        resources.add(listener);
        final int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        return listener;
    }

    private static SocketChannel acceptBlocking(final ServerSocketChannel listener) throws IOException
    {
        listener.configureBlocking(true);
        return listener.accept();
    }

    /** The agent as the connector sees it: this test's selector and clock. */
    private final class TestNet implements NetContext
    {
        private long nextPeerId = 1;

        @Override
        public HostLookup lookUp(final String host)
        {
            final HostLookup lookup = new HostLookup(host); // answered by the test, as the resolver thread would
            lookups.add(lookup);
            return lookup;
        }

        @Override
        public void reportRetry(final String message, final boolean ordinary)
        {
            retries.add((ordinary ? "ordinary: " : "") + message);
        }

        @Override
        public SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
        {
            try
            {
                registered.add(channel);
                return poller.register(channel, ops, attachment);
            }
            catch (final ClosedChannelException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void deregister(final SelectableChannel channel)
        {
            poller.deregister(channel);
        }

        @Override
        public long nextPeerId()
        {
            return nextPeerId++;
        }

        @Override
        public long nowNs()
        {
            return nowNs;
        }

        @Override
        public void log(final String message)
        {
        }

        @Override
        public void onConnectionFailure(final String what, final Throwable cause)
        {
            throw new AssertionError(what, cause);
        }
    }
}
