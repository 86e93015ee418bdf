package io.monocoque.engine.socket;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.AgentWake;
import io.monocoque.engine.agent.ConnectionEvent;
import io.monocoque.engine.agent.EngineAgent;
import io.monocoque.engine.agent.EngineCounters;
import io.monocoque.engine.net.Endpoint;
import io.monocoque.engine.net.NetContext;
import io.monocoque.engine.net.ResolverThread;
import io.monocoque.engine.session.ScriptedPeer;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.HostResolver;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.Rings;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection whose channel throws an {@link Error} (a StackOverflowError from its read or its write) on the socket's
 * own duty-cycle paths, the direct read (a socket with few connections reads each every cycle, without the selector)
 * and the flush, is closed alone, counted in {@link EngineCounters#failed()} and reported to the error handler; the
 * socket's other connection keeps getting the messages the application sends and delivering what its peer sends.
 * <p>
 * The socket runs as the agent runs it, minus the selector: the connections are accepted on in-memory channels
 * through a bound endpoint, and the agent's counting and reporting ({@link EngineAgent#onConnectionFailure}) are the
 * real ones.
 */
class ConnectionFailureIsolationTest
{
    private static final int RING = 64 * 1024;
    private static final int COMMAND_QUEUE = 16;
    private static final int MESSAGES = 3;
    private static final String ENDPOINT = "tcp://127.0.0.1:0";
    private static final byte[] NO_IDENTITY = new byte[0];

    private final List<Throwable> reported = new ArrayList<>();
    private final EngineCounters counters = new EngineCounters();
    private final EngineAgent agent = new EngineAgent(new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE),
        new SystemNanoClock(), reported::add, counters, new ResolverThread(HostResolver.SYSTEM, Thread::new),
        new AgentWake(false));
    private final OneToOneRingBuffer outbound = Rings.allocate(RING);
    private final OneToOneRingBuffer inbound = Rings.allocate(RING);
    private final SocketEngine socket =
        new SocketEngine(SocketType.DEALER, outbound, inbound, new SocketStatus(), null);
    private final SelectorlessNet net = new SelectorlessNet(agent);
    private final EndpointConfig config = EndpointConfig.defaults(SocketType.DEALER);
    private BoundEndpoint binding;

    /** The agent as a socket sees it, except that in-memory channels are not registered with its selector. */
    private static final class SelectorlessNet implements NetContext
    {
        private final EngineAgent agent;

        SelectorlessNet(final EngineAgent agent)
        {
            this.agent = agent;
        }

        @Override
        public SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
        {
            return null; // the listener's real channel is never selected either: the test hands it connections
        }

        @Override
        public void deregister(final SelectableChannel channel)
        {
            // Nothing is registered.
        }

        @Override
        public long nextPeerId()
        {
            return agent.nextPeerId();
        }

        @Override
        public long nowNs()
        {
            return agent.nowNs();
        }

        @Override
        public void log(final String message)
        {
            agent.log(message);
        }

        @Override
        public void logOrdinary(final String message)
        {
            agent.logOrdinary(message);
        }

        @Override
        public void onConnectionFailure(final String what, final Throwable cause)
        {
            agent.onConnectionFailure(what, cause);
        }
    }

    @AfterEach
    void close()
    {
        socket.releaseAll(); // frees the connections and the rings
        if (binding != null)
        {
            binding.close();
        }
        agent.onClose();
    }

    @Test
    void shouldCloseOnlyTheConnectionWhoseDirectReadThrowsAnError()
    {
        final ScriptedPeer broken = accept();
        final ScriptedPeer healthy = accept();
        final StackOverflowError failure = new StackOverflowError("injected by the test");
        broken.channel().failReadsWithError(failure);
        healthy.greeting().ready("DEALER", NO_IDENTITY);

        cycle();

        assertClosedAloneAndReported(broken, failure);
        assertStillServed(healthy);
    }

    @Test
    void shouldCloseOnlyTheConnectionWhoseWriteThrowsAnError()
    {
        final StackOverflowError failure = new StackOverflowError("injected by the test");
        final ScriptedPeer broken = new ScriptedPeer();
        broken.channel().failWritesWithError(failure); // its greeting, written on accept, is the first write
        accept(broken);
        final ScriptedPeer healthy = accept();
        broken.greeting().ready("DEALER", NO_IDENTITY);
        healthy.greeting().ready("DEALER", NO_IDENTITY);

        cycle();

        assertClosedAloneAndReported(broken, failure);
        assertTrue(healthy.receivedNullGreeting(), "the other connection still wrote its greeting");
        assertStillServed(healthy);
    }

    /** A peer connects: the socket accepts its channel through a bound endpoint, as its listener would. */
    private ScriptedPeer accept()
    {
        return accept(new ScriptedPeer());
    }

    private ScriptedPeer accept(final ScriptedPeer peer)
    {
        if (binding == null)
        {
            socket.attach(net);
            binding = new BoundEndpoint(socket, Endpoint.parse(ENDPOINT), ENDPOINT, config, net);
        }
        binding.onAccepted(null, peer.channel());
        return peer;
    }

    /** One duty cycle of the socket, connections read directly (the agent has few in all). */
    private void cycle()
    {
        socket.doWork(agent.nowNs(), true);
    }

    private void assertClosedAloneAndReported(final ScriptedPeer broken, final StackOverflowError failure)
    {
        assertFalse(broken.channel().isOpen(), "the failed connection is closed");
        assertEquals(1, socket.connectionCount(), "and released; the other stays");
        assertEquals(1, counters.failed(), "the failure is counted");
        final List<Throwable> failures = reported.stream().filter(event -> event.getCause() != null).toList();
        assertEquals(1, failures.size(), "and reported once: " + reported);
        assertTrue(failures.get(0) instanceof ConnectionEvent, failures.get(0).toString());
        assertSame(failure, failures.get(0).getCause());
    }

    private void assertStillServed(final ScriptedPeer healthy)
    {
        healthy.message("from", "the healthy peer");
        final List<List<String>> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++)
        {
            sent.add(List.of("to", "the healthy peer " + i));
            send("to", "the healthy peer " + i);
        }
        cycle();
        cycle();

        assertEquals(sent, healthy.receivedMessages(), "every message goes to the connection left");
        assertEquals(List.of(List.of("from", "the healthy peer")), received(), "and what it sends is delivered");
        assertEquals(1, counters.failed());
    }

    /** The application sends a message (DEALER: to any peer, round-robin). */
    private void send(final String... frames)
    {
        final byte[] encoded = ScriptedPeer.encode(frames);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[MessageRecord.FRAMES_OFFSET + encoded.length]);
        record.putLong(MessageRecord.PEER_ID_OFFSET, MessageRecord.ANY_PEER);
        record.putBytes(MessageRecord.FRAMES_OFFSET, encoded);
        assertTrue(outbound.write(MessageRecord.MSG_TYPE_MESSAGE, record, 0, record.capacity()), "send ring full");
    }

    /** The application reads every message in the receive ring. */
    private List<List<String>> received()
    {
        final List<List<String>> messages = new ArrayList<>();
        inbound.read((typeId, buffer, index, length) -> messages.addAll(ScriptedPeer.decode(
            buffer, index + MessageRecord.FRAMES_OFFSET, length - MessageRecord.FRAMES_OFFSET)));
        return messages;
    }
}
