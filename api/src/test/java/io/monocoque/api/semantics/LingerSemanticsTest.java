package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static io.monocoque.api.testing.Await.sleep;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.Loopback.reservePort;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linger after close, as libzmq does it: a connected endpoint keeps reconnecting while the socket lingers, so
 * messages sent just before close reach a peer that comes up within the linger time; with linger 0 they are
 * dropped at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LingerSemanticsTest
{
    @Test
    void shouldDeliverMessagesSentBeforeCloseToAPeerThatComesUpWhileLingering()
    {
        final int port = reservePort();
        try (Context senderContext = Context.create(); Context receiverContext = Context.create())
        {
            final Socket push = senderContext.socket(SocketType.PUSH);
            push.reconnectIvlMs(20).lingerMs(10_000);
            push.connect(endpoint(port));
            for (int i = 0; i < 3; i++)
            {
                assertTrue(push.send("before-close-" + i));
            }
            push.close(); // returns at once; the engine keeps trying to connect while lingering

            sleep(200);
            final Socket pull = receiverContext.socket(SocketType.PULL);
            pull.rcvTimeoutMs(5000);
            pull.bind(endpoint(port));
            assertReceives(pull, "before-close-0");
            assertReceives(pull, "before-close-1");
            assertReceives(pull, "before-close-2");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS) // the default linger (30 s) would outlast this
    void shouldCloseAtOnceWithLingerZeroEvenWhenNothingWasDelivered()
    {
        final int port = reservePort();
        try (Context context = Context.create())
        {
            final Socket push = context.socket(SocketType.PUSH);
            push.lingerMs(0);
            push.connect(endpoint(port));
            assertTrue(push.send("never-delivered"));
            context.close();
            assertTrue(push.isClosed());
        }
    }
}
