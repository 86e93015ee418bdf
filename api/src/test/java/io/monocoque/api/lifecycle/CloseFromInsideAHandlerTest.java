package io.monocoque.api.lifecycle;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketClosedException;
import io.monocoque.api.SocketStateException;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing from inside a poll handler, which holds a view into the receive ring: closing the socket itself finishes
 * once the poll returns (its rings are freed only then); closing the context cannot wait for the call it is made
 * from, so it is refused with a clear {@link SocketStateException} (it hung: the context waited for the socket to
 * be released, which waited for that very call to leave its rings).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseFromInsideAHandlerTest
{
    @Test
    void shouldFinishClosingASocketClosedFromInsideItsOwnPollHandlerOnceThePollReturns()
    {
        try (Context context = Context.create())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.lingerMs(0);
            final Socket push = context.socket(SocketType.PUSH);
            push.lingerMs(0);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            assertTrue(push.send("one"));
            assertTrue(push.send("two"));
            final AtomicReference<String> seen = new AtomicReference<>();
            Await.await("a message handled", () -> pull.poll(view ->
            {
                view.next();
                seen.set(view.toString());
                pull.close(); // the view stays readable until the handler returns
            }, 1) > 0);

            assertTrue(pull.isClosed());
            assertThrows(SocketClosedException.class, pull::recvMultipart);
            assertEquals(0, pull.poll(view -> { }, 10));
        }
    }

    @Test
    void shouldRefuseToCloseTheContextFromInsideAPollHandler() throws Exception
    {
        final Context context = Context.create();
        try
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.lingerMs(0);
            final Socket push = context.socket(SocketType.PUSH);
            push.lingerMs(0);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            assertTrue(push.send("one"));
            final AtomicReference<Throwable> refused = new AtomicReference<>();
            Await.await("a message handled", () -> pull.poll(view ->
            {
                try
                {
                    context.close();
                }
                catch (final Throwable ex)
                {
                    refused.set(ex);
                }
            }, 1) > 0);

            assertInstanceOf(SocketStateException.class, refused.get());
            assertTrue(refused.get().getMessage().contains("inside a call"), refused.get().getMessage());
        }
        finally
        {
            context.close(); // from outside any call: fine
        }
    }
}
