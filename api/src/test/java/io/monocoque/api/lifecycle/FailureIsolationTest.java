package io.monocoque.api.lifecycle;

import io.monocoque.api.Context;
import io.monocoque.api.Socket;
import io.monocoque.api.SocketType;
import io.monocoque.api.testing.Await;
import io.monocoque.api.testing.RawZmtp;
import io.monocoque.api.testing.TestMessages;
import io.monocoque.engine.EngineFailedException;
import org.agrona.BufferUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine never dies of one connection: an allocation failure for an accepted connection (direct memory
 * exhausted) refuses that connection only, and the engine goes on serving. If the engine does stop (here: the
 * application's error handler throws an Error on the agent thread), every waiting and later call fails fast with
 * {@link EngineFailedException} naming the cause, and closing still returns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailureIsolationTest
{
    private static final int LARGE_CHUNK = 1024 * 1024;
    private static final int SMALL_CHUNK = 16 * 1024;

    @Test
    void shouldRefuseOnlyTheConnectionWhoseBuffersCannotBeAllocatedAndKeepServing() throws Exception
    {
        try (Context context = Context.create())
        {
            final Socket server = context.socket(SocketType.ROUTER);
            server.rcvTimeoutMs(Await.WAIT_MS).lingerMs(0);
            final String endpoint = server.bind("tcp://127.0.0.1:0");
            final Socket before = context.socket(SocketType.DEALER);
            before.rcvTimeoutMs(Await.WAIT_MS).lingerMs(0);
            before.connect(endpoint);
            Await.awaitPeers(server, 1);

            final List<ByteBuffer> hog = exhaustDirectMemory();
            try
            {
                // It completes its handshake, and then its real buffers cannot be allocated: it is refused (closed),
                // and only it.
                try (java.net.Socket raw = rawConnect(endpoint))
                {
                    final OutputStream out = raw.getOutputStream();
                    out.write(RawZmtp.zmtp31Greeting());
                    out.write(RawZmtp.readyCommand("DEALER"));
                    out.flush();
                    assertEquals(-1, readUntilClosed(raw.getInputStream()), "the refused connection is closed");
                }
            }
            finally
            {
                hog.forEach(BufferUtil::free);
            }

            assertTrue(before.send("still served"));
            final byte[][] request = server.recvMultipart();
            assertEquals("still served", TestMessages.text(request[1]));
            final Socket after = context.socket(SocketType.DEALER);
            after.rcvTimeoutMs(Await.WAIT_MS).lingerMs(0);
            after.connect(endpoint);
            Await.awaitPeers(server, 2);
            assertTrue(after.send("a new peer too"));
            assertEquals("a new peer too", TestMessages.text(server.recvMultipart()[1]));
        }
    }

    @Test
    void shouldFailEveryCallFastNamingTheCauseOnceTheEngineStopped() throws Exception
    {
        final Error boom = new Error("the application's error handler blew up");
        final Context context = Context.builder().errorHandler(ex ->
        {
            throw boom;
        }).build();
        try
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.rcvTimeoutMs(-1).lingerMs(0);
            final String endpoint = pull.bind("tcp://127.0.0.1:0");
            final AtomicReference<Throwable> blocked = new AtomicReference<>();
            final Thread receiver = new Thread(() ->
            {
                try
                {
                    pull.recvMultipart();
                }
                catch (final Throwable ex)
                {
                    blocked.set(ex);
                }
            });
            receiver.start();

            // A peer speaking garbage: the engine reports the protocol error to the handler, which throws.
            try (java.net.Socket raw = rawConnect(endpoint))
            {
                final OutputStream out = raw.getOutputStream();
                out.write(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
                out.flush();
                receiver.join(Await.WAIT_MS);
            }

            assertFalse(receiver.isAlive(), "the blocked recv returned");
            assertInstanceOf(EngineFailedException.class, blocked.get());
            assertTrue(blocked.get().getMessage().contains("blew up"), blocked.get().getMessage());
            final Socket later = context.socket(SocketType.PUSH);
            final EngineFailedException failure = assertThrows(EngineFailedException.class,
                () -> later.connect("tcp://127.0.0.1:5555"));
            assertTrue(failure.getMessage().contains("blew up"), failure.getMessage());
        }
        finally
        {
            context.close(); // returns
        }
    }

    /** Read until the peer closes; -1 then (a reset counts: closed with our bytes unread). */
    private static int readUntilClosed(final InputStream in) throws IOException
    {
        final byte[] sink = new byte[4096];
        try
        {
            int read;
            do
            {
                read = in.read(sink);
            }
            while (read > 0);
            return read;
        }
        catch (final SocketException reset)
        {
            return -1;
        }
    }

    private static java.net.Socket rawConnect(final String endpoint) throws Exception
    {
        final java.net.Socket raw = RawZmtp.connect(endpoint, 0);
        raw.setSoTimeout((int)Await.WAIT_MS);
        return raw;
    }

    /** Take direct memory until even a small buffer cannot be had; the caller frees it. */
    private static List<ByteBuffer> exhaustDirectMemory()
    {
        final List<ByteBuffer> hog = new ArrayList<>();
        for (final int chunk : new int[]{LARGE_CHUNK, SMALL_CHUNK})
        {
            try
            {
                while (true)
                {
                    hog.add(ByteBuffer.allocateDirect(chunk));
                }
            }
            catch (final OutOfMemoryError expected)
            {
                // this size no longer fits
            }
        }
        return hog;
    }
}
