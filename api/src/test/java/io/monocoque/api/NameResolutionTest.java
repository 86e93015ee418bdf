package io.monocoque.api;

import io.monocoque.api.testing.TestResources;
import io.monocoque.engine.shared.HostResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.monocoque.api.testing.Await.await;
import static io.monocoque.api.testing.Loopback.endpoint;
import static io.monocoque.api.testing.Loopback.reservePort;
import static io.monocoque.api.testing.TestMessages.assertReceives;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host names are looked up off the engine's duty cycle: a name service that hangs delays only the connect that
 * needs it, a name that does not resolve yet is retried with the reconnect back-off (and reported) instead of
 * failing {@code connect}, and {@code bind} of a name that does not resolve fails at the call. The name service is
 * played by an injected resolver.
 */
class NameResolutionTest
{
    private static final String SLOW_HOST = "slow.resolver.test";
    private static final String LATE_HOST = "late.resolver.test";
    private static final long FAST_RECONNECT_MS = 20;

    @RegisterExtension
    final TestResources resources = new TestResources();

    private final CountDownLatch releaseSlowHost = new CountDownLatch(1);
    private final AtomicBoolean lateHostKnown = new AtomicBoolean();
    private final AtomicInteger lateHostLookups = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private InetAddress resolve(final String host) throws UnknownHostException
    {
        if (SLOW_HOST.equals(host))
        {
            try
            {
                releaseSlowHost.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new UnknownHostException(host + ": interrupted");
            }
            return InetAddress.getLoopbackAddress();
        }
        if (LATE_HOST.equals(host))
        {
            lateHostLookups.incrementAndGet();
            if (lateHostKnown.get())
            {
                return InetAddress.getLoopbackAddress();
            }
        }
        throw new UnknownHostException(host);
    }

    private Context context()
    {
        final HostResolver resolver = this::resolve;
        return resources.context(Context.builder()
            .hostResolver(resolver)
            .errorHandler(error -> events.add(String.valueOf(error.getMessage()))));
    }

    @Test
    void shouldKeepOtherSocketsExchangingMessagesWhileTheNameServiceHangs()
    {
        final Context context = context();
        try
        {
            final int slowPort = reservePort();
            final Socket waiting = context.socket(SocketType.PUSH);
            waiting.connect("tcp://" + SLOW_HOST + ":" + slowPort);

            final Socket pull = context.socket(SocketType.PULL);
            final String bound = pull.bind(endpoint(0));
            final Socket push = context.socket(SocketType.PUSH);
            push.connect(bound);
            for (int i = 0; i < 10; i++)
            {
                assertTrue(push.send("while-dns-hangs-" + i));
                assertReceives(pull, "while-dns-hangs-" + i);
            }
        }
        finally
        {
            releaseSlowHost.countDown();
        }
    }

    @Test
    void shouldRetryAHostThatDoesNotResolveYetAndConnectOnceItDoes()
    {
        final Context context = context();
        final Socket pull = context.socket(SocketType.PULL);
        final String bound = pull.bind(endpoint(0));
        final String port = bound.substring(bound.lastIndexOf(':') + 1);

        final Socket push = context.socket(SocketType.PUSH);
        push.reconnectIvlMs(FAST_RECONNECT_MS);
        push.connect("tcp://" + LATE_HOST + ":" + port);

        await("two failed look-ups of the late host", () -> lateHostLookups.get() >= 2);
        await("the failed look-up reported", () -> events.stream().anyMatch(
            event -> event.contains(LATE_HOST) && event.contains("unknown host")));

        lateHostKnown.set(true);
        assertTrue(push.send("after-dns-answers"));
        assertReceives(pull, "after-dns-answers");
    }

    @Test
    void shouldFailBindOfAHostThatDoesNotResolveAtTheCall()
    {
        final Context context = context();
        final Socket pull = context.socket(SocketType.PULL);
        assertThrows(InvalidEndpointException.class, () -> pull.bind("tcp://" + LATE_HOST + ":0"));
    }

    @Test
    void shouldBindAHostNameThroughTheResolver()
    {
        lateHostKnown.set(true);
        final Context context = context();
        final Socket pull = context.socket(SocketType.PULL);
        final String bound = pull.bind("tcp://" + LATE_HOST + ":0");
        final Socket push = context.socket(SocketType.PUSH);
        push.connect(bound);
        assertTrue(push.send("bound-by-name"));
        assertReceives(pull, "bound-by-name");
    }
}
