package io.monocoque.api.lifecycle;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Context.close()} from another thread while a thread is creating and connecting sockets of that context:
 * every call the close overtakes fails with {@link SocketClosedException} (libzmq's ETERM), whatever step it was at,
 * so an application loop can treat that one exception as "shutting down"; and from the moment its close begins the
 * context says it is closed and makes no new socket (one made then would escape the close), through the lingering.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContextCloseRaceTest
{
    private static final int ROUNDS = 100;
    private static final long LINGER_MS = 3_000;

    @Test
    void aCloseThatOvertakesSocketCreationOrAFirstConnectIsReportedAsClosed() throws Exception
    {
        for (int round = 0; round < ROUNDS; round++)
        {
            final Context context = Context.create();
            final AtomicReference<Throwable> wrong = new AtomicReference<>();
            final Thread loop = new Thread(() ->
            {
                try
                {
                    while (true)
                    {
                        final Socket socket = context.socket(SocketType.DEALER).lingerMs(0);
                        socket.connect("tcp://127.0.0.1:1");
                        socket.close();
                    }
                }
                catch (final SocketClosedException expected)
                {
                    // the close overtook it: the one outcome an application should have to handle
                }
                catch (final Throwable ex)
                {
                    wrong.set(ex);
                }
            }, "connecting");
            loop.start();
            Await.sleep(round % 3); // overtake it at different steps
            context.close();
            loop.join(TimeUnit.SECONDS.toMillis(30));
            assertNull(wrong.get(), () -> "round " + wrong.get());
        }
    }

    @Test
    void aContextIsClosedFromTheMomentItsCloseBeginsAndWhileItLingers() throws Exception
    {
        final Context context = Context.create();
        final Socket dealer = context.socket(SocketType.DEALER).lingerMs(LINGER_MS);
        dealer.connect(Loopback.endpoint(Loopback.reservePort())); // nobody there: the message lingers
        dealer.send("waits");
        final CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
        Await.await("the close to close the socket", dealer::isClosed);

        assertTrue(context.isClosed(), "lingering, but closed");
        assertThrows(SocketClosedException.class, () -> context.socket(SocketType.PUSH));
        assertFalse(closing.isDone(), "the close did not linger: the test proves nothing");
        closing.get(30, TimeUnit.SECONDS);
    }
}
