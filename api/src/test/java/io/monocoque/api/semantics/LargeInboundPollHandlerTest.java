package io.monocoque.api.semantics;

import io.monocoque.api.Context;
import io.monocoque.api.Message;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketStateException;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.TestMessages;
import io.monocoque.api.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.monocoque.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive API loses and duplicates nothing (issue 14, section 5): a raw ZMTP client writes its greeting, READY
 * and 100 small messages in one write, so the engine puts them in one batched record; a poll handler that throws on
 * one message loses only that one, and a poll or recv from inside a handler is refused instead of handing out the
 * record's messages a second time.
 */
class LargeInboundPollHandlerTest
{
    private static final int COUNT = 100;

    @RegisterExtension
    final TestResources resources = new TestResources();
    private final Context context = resources.context();

    @Test
    void shouldConsumeOnlyTheMessageWhoseHandlerThrewAndKeepTheRestReadable() throws IOException
    {
        final Socket pull = SemanticsSupport.socket(context, SocketType.PULL);
        try (java.net.Socket client = rawPush(pull.bind("tcp://127.0.0.1:0")))
        {
            final AtomicReference<RuntimeException> thrown = new AtomicReference<>();
            final List<String> seen = new ArrayList<>();
            await("the first message to reach the handler", () ->
            {
                try
                {
                    pull.poll(view ->
                    {
                        seen.add(text(view));
                        throw new IllegalStateException("handler failed on " + text(view));
                    }, COUNT);
                }
                catch (final IllegalStateException ex)
                {
                    thrown.set(ex);
                }
                return thrown.get() != null;
            });
            assertEquals(List.of("m0"), seen, "the handler was given nothing after it threw");
            assertEquals("handler failed on m0", thrown.get().getMessage(), "the caller gets the handler's exception");

            for (int i = 1; i < COUNT; i++)
            {
                assertEquals("m" + i, TestMessages.recvText(pull), "message " + i + " is still there");
            }
        }
    }

    @Test
    void shouldRefuseAPollOrRecvFromInsideAPollHandler() throws IOException
    {
        final Socket pull = SemanticsSupport.socket(context, SocketType.PULL);
        try (java.net.Socket client = rawPush(pull.bind("tcp://127.0.0.1:0")))
        {
            final List<String> seen = new ArrayList<>();
            final AtomicReference<RuntimeException> thrown = new AtomicReference<>();
            await("a message to reach the handler", () ->
            {
                try
                {
                    pull.poll(view ->
                    {
                        seen.add(text(view));
                        if (seen.size() == 1)
                        {
                            pull.poll(inner -> seen.add("again " + text(inner)), COUNT);
                        }
                        else
                        {
                            pull.recv(new Message());
                        }
                    }, 2);
                }
                catch (final RuntimeException ex)
                {
                    thrown.set(ex);
                }
                return thrown.get() != null;
            });
            assertInstanceOf(SocketStateException.class, thrown.get());
            assertTrue(thrown.get().getMessage().contains("inside a poll handler"), thrown.get().getMessage());
            assertEquals(List.of("m0"), seen, "nothing was handed out twice");

            thrown.set(null);
            try
            {
                pull.poll(view ->
                {
                    seen.add(text(view));
                    pull.recv(new Message());
                }, 1);
            }
            catch (final RuntimeException ex)
            {
                thrown.set(ex);
            }
            assertInstanceOf(SocketStateException.class, thrown.get(), "recv is refused too");
            assertEquals(List.of("m0", "m1"), seen);
            assertEquals("m2", TestMessages.recvText(pull));
        }
    }

    private static String text(final io.monocoque.api.MessageView view)
    {
        view.rewind();
        view.next();
        return view.string();
    }

    /** A raw ZMTP 3.1 PUSH that sends its greeting, READY and 100 messages m0..m99 in one write. */
    private static java.net.Socket rawPush(final String endpoint) throws IOException
    {
        final java.net.Socket client = new java.net.Socket(
            InetAddress.getLoopbackAddress(), URI.create(endpoint).getPort());
        client.setTcpNoDelay(true);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(RawZmtp.zmtp31Greeting());
        bytes.writeBytes(RawZmtp.readyCommand("PUSH"));
        for (int i = 0; i < COUNT; i++)
        {
            final byte[] body = TestMessages.bytes("m" + i);
            bytes.write(0); // short frame, no MORE
            bytes.write(body.length);
            bytes.writeBytes(body);
        }
        client.getOutputStream().write(bytes.toByteArray());
        client.getOutputStream().flush();
        return client;
    }
}
