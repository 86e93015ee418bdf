package io.monocoque.api.robustness;

import io.monocoque.api.Context;
import io.monocoque.api.MessageClaim;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import io.monocoque.api.PubSocket;
import io.monocoque.api.RouterSocket;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.SubSocket;
import io.monocoque.api.ThreadingMode;
import io.monocoque.api.testing.AllocationCounting;
import io.monocoque.api.testing.Await;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code tryClaim} allocates nothing on the patterns' paths: REQ's requests and REP's replies, ROUTER's claims to a
 * routing id, PUB's claims into the fan-out ring. Each runs in an INVOKER-mode context, so the one test thread drives
 * the application calls and the engine (PUB's fan-out worker is its own thread: only the publishing thread is
 * counted there), and after the JIT settles a window of {@value #MEASURED} messages must allocate exactly 0 bytes.
 */
class ClaimZeroAllocationTest
{
    private static final int ROUND = 5_000;
    private static final int MEASURED = 50_000;
    /** A whole measured window's worth of clean rounds first, as {@code PubSubZeroAllocationTest} settles. */
    private static final int SETTLED_ROUNDS = MEASURED / ROUND;
    private static final int MAX_WARM_UP_ROUNDS = 60;
    private static final int BODY = 64;

    private final MessageClaim claim = new MessageClaim();
    private final Counter counter = new Counter();

    @BeforeAll
    static void enableAllocationCounting()
    {
        AllocationCounting.enable();
    }

    @Test
    void reqAndRepClaimsAllocateNothing()
    {
        try (Context context = invoker())
        {
            final Socket rep = context.socket(SocketType.REP);
            final Socket req = context.socket(SocketType.REQ);
            req.connect(rep.bind("tcp://127.0.0.1:0"));
            awaitPeers(context, req);
            assertZeroAfterWarmUp("REQ/REP claims", count ->
            {
                for (int i = 0; i < count; i++)
                {
                    claimOne(context, req);
                    pollOne(context, rep);
                    claimOne(context, rep);
                    pollOne(context, req);
                }
            });
        }
    }

    @Test
    void routerClaimsToARoutingIdAllocateNothing()
    {
        try (Context context = invoker())
        {
            final RouterSocket router = (RouterSocket)context.socket(SocketType.ROUTER);
            final Socket dealer = context.socket(SocketType.DEALER).identity("peer");
            dealer.connect(router.bind("tcp://127.0.0.1:0"));
            awaitPeers(context, dealer);
            while (router.connectedPeers() == 0)
            {
                context.invoke();
            }
            final UnsafeBuffer id = new UnsafeBuffer("peer".getBytes(StandardCharsets.US_ASCII));
            assertZeroAfterWarmUp("ROUTER claims", count ->
            {
                for (int i = 0; i < count; i++)
                {
                    while (router.tryClaim(claim, id, 0, id.capacity(), BODY) <= 0)
                    {
                        context.invoke();
                    }
                    claim.buffer().setMemory(claim.offset(), BODY, (byte)i);
                    claim.commit();
                    pollOne(context, dealer);
                }
            });
        }
    }

    @Test
    void pubClaimsAllocateNothingOnThePublishingThread()
    {
        try (Context context = invoker())
        {
            final PubSocket pub = (PubSocket)context.socket(SocketType.PUB);
            final SubSocket sub = (SubSocket)context.socket(SocketType.SUB);
            sub.subscribe("");
            sub.connect(pub.bind("tcp://127.0.0.1:0"));
            // A probe published until one arrives: the subscription has reached the publisher.
            final long deadline = System.nanoTime() + Await.WAIT_MS * 1_000_000L;
            while (counter.received == 0)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    fail("the subscription never reached the publisher");
                }
                pub.offer(new byte[][]{new byte[1]});
                context.invoke();
                sub.poll(counter, 1);
            }
            while (sub.poll(counter, Integer.MAX_VALUE) > 0 || context.invoke() > 0)
            {
                // drain the other probes
            }
            assertZeroAfterWarmUp("PUB claims", count ->
            {
                for (int i = 0; i < count; i++)
                {
                    claimOne(context, pub);
                    pollOne(context, sub);
                }
            });
        }
    }

    private static Context invoker()
    {
        return Context.builder().threadingMode(ThreadingMode.INVOKER).build();
    }

    private static void awaitPeers(final Context context, final Socket socket)
    {
        while (socket.connectedPeers() == 0)
        {
            context.invoke();
        }
    }

    private void claimOne(final Context context, final Socket socket)
    {
        while (socket.tryClaim(claim, BODY) <= 0)
        {
            context.invoke();
        }
        claim.buffer().setMemory(claim.offset(), BODY, (byte)1);
        claim.commit();
    }

    private void pollOne(final Context context, final Socket socket)
    {
        final long before = counter.received;
        final long deadline = System.nanoTime() + Await.WAIT_MS * 1_000_000L;
        while (counter.received == before)
        {
            context.invoke();
            socket.poll(counter, 1);
            if (System.nanoTime() - deadline > 0)
            {
                fail("no message reached " + socket.type());
            }
        }
    }

    private static void assertZeroAfterWarmUp(final String what, final IntConsumer rounds)
    {
        AllocationCounting.assertAllocatesNothingAfterWarmUp(what, rounds, ROUND, SETTLED_ROUNDS, MAX_WARM_UP_ROUNDS,
            MEASURED / ROUND);
    }

    /** Counts messages. */
    private static final class Counter implements MessageHandler
    {
        long received;

        @Override
        public void onMessage(final MessageView message)
        {
            received++;
        }
    }
}
