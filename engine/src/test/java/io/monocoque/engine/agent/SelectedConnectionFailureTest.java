package io.monocoque.engine.agent;

import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.shared.AgentWake;
import io.monocoque.engine.net.ResolverThread;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.session.RecordingOwner;
import io.monocoque.engine.session.ScriptedPeer;
import io.monocoque.engine.session.StagingBuffer;
import io.monocoque.engine.shared.EndpointConfig;
import io.monocoque.engine.shared.HostResolver;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection that throws an {@link Error} (here a StackOverflowError from its channel's read) when the agent's
 * selector names it readable is closed alone, counted in {@link EngineCounters#failed()} and reported to the error
 * handler; the agent does not die of it, and the other connection named in the same poll is served, then and after.
 * <p>
 * The connections run over in-memory channels, which no real selector takes: each connection is registered with the
 * agent's real selector through a pipe that is always readable, so the selector hands the connection to the agent's
 * {@code onSelected} as it would a socket's, and the connection then reads its own channel.
 */
class SelectedConnectionFailureTest
{
    private static final int BUFFER = 4096;
    private static final int COMMAND_QUEUE = 16;
    private static final byte[] NO_IDENTITY = new byte[0];

    private final List<Throwable> reported = new ArrayList<>();
    private final EngineCounters counters = new EngineCounters();
    private final EngineAgent agent = new EngineAgent(new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE),
        new SystemNanoClock(), reported::add, counters, new ResolverThread(HostResolver.SYSTEM, Thread::new),
        new AgentWake(false));
    private final List<Pipe> pipes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void close() throws IOException
    {
        for (final Connection connection : connections)
        {
            connection.close("test over");
            connection.free();
        }
        agent.onClose();
        for (final Pipe pipe : pipes)
        {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void shouldCloseOnlyTheSelectedConnectionWhoseReadThrowsAnError() throws IOException
    {
        final ScriptedPeer broken = new ScriptedPeer();
        final ScriptedPeer healthy = new ScriptedPeer();
        final RecordingOwner healthyOwner = new RecordingOwner(SocketType.DEALER);
        final Connection brokenConnection = start(broken, new RecordingOwner(SocketType.DEALER), 1);
        final Connection healthyConnection = start(healthy, healthyOwner, 2);
        final StackOverflowError failure = new StackOverflowError("injected by the test");
        broken.channel().failReadsWithError(failure);
        healthy.greeting().ready("DEALER", NO_IDENTITY);

        agent.doWork(); // one poll names both connections

        assertEquals(Connection.State.CLOSED, brokenConnection.state());
        assertTrue(brokenConnection.closeReason().contains("internal error"), brokenConnection.closeReason());
        assertTrue(healthyConnection.isActive(), "the other connection finished its handshake in the same poll");
        assertEquals(1, counters.failed(), "the failure is counted");
        assertEquals(1, reported.size(), "and reported once: " + reported);
        assertInstanceOf(ConnectionEvent.class, reported.get(0));
        assertSame(failure, reported.get(0).getCause());
        assertTrue(reported.get(0).getMessage().contains(brokenConnection.endpoint()), reported.get(0).getMessage());
        assertNull(agent.failure(), "the agent goes on");

        healthy.message("still", "flowing");
        agent.doWork();
        assertEquals(List.of(List.of("still", "flowing")), healthyOwner.messages());
        assertEquals(1, counters.failed());
    }

    /** A connection on an in-memory channel, registered with the agent's selector through an always-ready pipe. */
    private Connection start(final ScriptedPeer peer, final RecordingOwner owner, final long peerId) throws IOException
    {
        final Connection connection = new Connection(owner, EndpointConfig.defaults(SocketType.DEALER),
            "tcp://peer-" + peerId, BUFFER, BUFFER, new StagingBuffer(BUFFER));
        connections.add(connection);
        connection.start(peer.channel(), peerId, 0);
        final Pipe pipe = Pipe.open();
        pipes.add(pipe);
        pipe.source().configureBlocking(false);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1})); // never read: the key is ready at every poll
        agent.register(pipe.source(), SelectionKey.OP_READ, connection);
        return connection;
    }
}
