package io.monocoque.api.lifecycle;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.engine.agent.ConnectionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.monocoque.api.testing.TestMessages.assertReceives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disconnecting a connected endpoint releases its connection exactly once (it was released twice: once by
 * {@code disconnect}, once more by the sweep of closed connections), and the socket goes on working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DisconnectReleaseTest
{
    @Test
    void shouldReleaseADisconnectedConnectionOnceAndKeepWorking()
    {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Context context = Context.builder().errorHandler(ex ->
        {
            if (!(ex instanceof ConnectionEvent))
            {
                errors.add(ex);
            }
        }).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.rcvTimeoutMs(Await.WAIT_MS).lingerMs(0);
            final String first = pull.bind("tcp://127.0.0.1:0");
            final String second = pull.bind("tcp://127.0.0.1:0");
            final Socket push = context.socket(SocketType.PUSH);
            push.lingerMs(0).sndTimeoutMs(Await.WAIT_MS);
            for (int round = 0; round < 5; round++)
            {
                push.connect(first);
                push.connect(second);
                Await.await("both connected", () -> push.connectedPeers() == 2);
                push.disconnect(first);
                Await.await("one left", () -> push.connectedPeers() == 1);
                assertTrue(push.send("round " + round));
                assertReceives(pull, "round " + round);
                push.disconnect(second);
                Await.await("none left", () -> push.connectedPeers() == 0);
            }
            Await.sleep(50); // a few duty cycles: the sweep of closed connections runs
            assertEquals(List.of(), errors, "the engine reported no error");
        }
    }
}
