package io.monocoque.api;

import io.monocoque.engine.EngineFailedException;
import io.monocoque.engine.agent.EngineCommand;
import io.monocoque.api.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine agent that stops on a failure frees the rings of every socket it served, closed or not; a call made on
 * such a socket afterwards fails with {@link EngineFailedException} naming the cause, and touches no freed memory
 * (before, {@code poll}, {@code events()} and a poller read the freed rings: the JVM died of SIGSEGV).
 */
class EngineFailureCallsTest
{
    @Test
    void callsOnSocketsOfAFailedEngineFailNamingItAndTouchNoFreedRing()
    {
        final CopyOnWriteArrayList<Throwable> reported = new CopyOnWriteArrayList<>();
        try (Context failing = Context.builder().errorHandler(reported::add).build(); Context other = Context.create())
        {
            final Socket pull = failing.socket(SocketType.PULL);
            final Socket dealer = failing.socket(SocketType.DEALER);
            dealer.bind("tcp://127.0.0.1:0");
            final Socket push = other.socket(SocketType.PUSH);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            push.send("waits");
            Await.await("the message at the PULL", () -> pull.events() != 0);
            final Poller poller = new Poller();
            poller.register(pull, Poller.POLLIN);

            assertThrows(RuntimeException.class, () -> failing.engine().execute(EngineCommand.of(agent ->
            {
                throw new AssertionError("simulated agent failure"); // nothing per socket catches an Error here
            })));
            Await.await("the agent to stop and free the rings", () -> pull.isReleased() && dealer.isReleased());

            assertThrows(EngineFailedException.class, () -> poller.poll(0));
            assertThrows(EngineFailedException.class, pull::events);
            assertThrows(EngineFailedException.class, () -> pull.poll(message ->
            {
            }, 10));
            assertThrows(EngineFailedException.class, pull::recvString);
            assertThrows(EngineFailedException.class, () -> dealer.offer("x".getBytes()));
            assertTrue(!reported.isEmpty(), "the failure reached the error handler");
        }
    }
}
