package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.TestResources;
import io.monocoque.engine.agent.EngineAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.monocoque.api.semantics.SemanticsSupport.socket;
import static io.monocoque.api.testing.Await.awaitPeers;
import static io.monocoque.api.testing.TestMessages.bytes;
import static io.monocoque.api.testing.TestMessages.recvTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One engine with more connections than it reads directly ({@link EngineAgent#DIRECT_POLL_MAX_TOTAL}): every
 * socket of one connection then relies on the agent's selector, and each must still receive what is sent to it,
 * in order, including after the count drops back below the limit.
 */
class ManySocketsSemanticsTest
{
    private static final int PAIRS = EngineAgent.DIRECT_POLL_MAX_TOTAL; // 2 connections each: twice the limit
    private static final int MESSAGES = 5;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldDeliverToEverySocketWhenTheEngineHasMoreConnectionsThanItReadsDirectly()
    {
        final List<Socket> pushes = new ArrayList<>();
        final List<Socket> pulls = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++)
        {
            final Socket pull = socket(context, SocketType.PULL);
            final Socket push = socket(context, SocketType.PUSH);
            push.connect(pull.bind("tcp://127.0.0.1:0"));
            pulls.add(pull);
            pushes.add(push);
        }
        for (final Socket push : pushes)
        {
            awaitPeers(push, 1);
        }

        sendAndExpect(pushes, pulls, "many");

        // Below the limit again: the remaining connections go back to direct reads and still receive.
        for (int i = PAIRS - 1; i >= 2; i--)
        {
            pushes.remove(i).close();
            pulls.remove(i).close();
        }
        sendAndExpect(pushes, pulls, "few");
    }

    private static void sendAndExpect(final List<Socket> pushes, final List<Socket> pulls, final String tag)
    {
        for (int i = 0; i < pushes.size(); i++)
        {
            for (int m = 0; m < MESSAGES; m++)
            {
                assertTrue(pushes.get(i).send(bytes(tag + "-" + i + "-" + m)));
            }
        }
        for (int i = 0; i < pulls.size(); i++)
        {
            for (int m = 0; m < MESSAGES; m++)
            {
                assertEquals(List.of(tag + "-" + i + "-" + m), recvTexts(pulls.get(i)), "socket " + i);
            }
        }
    }
}
