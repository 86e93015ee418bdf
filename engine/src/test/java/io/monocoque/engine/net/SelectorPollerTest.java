package io.monocoque.engine.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The selector loop on a pipe whose read end always has a byte waiting (never read, so it stays ready): each poll
 * hands the ready key, with its attachment, to the handler and returns the work it reported; a rate-limited poll is
 * skipped until {@code minIntervalNs} has passed since the last one that ran, with time given as {@code nowNs}.
 */
class SelectorPollerTest
{
    private static final long INTERVAL_NS = 50_000;
    private static final long T0 = 7_000_000_000L;
    private static final int WORK_PER_KEY = 3;

    private final List<Object> attachments = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final SelectorPoller poller = new SelectorPoller(this::onSelected, errors::add);
    private Pipe pipe;

    @BeforeEach
    void openPipe() throws IOException
    {
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException
    {
        poller.close();
        pipe.source().close();
        pipe.sink().close();
        assertEquals(List.of(), errors);
    }

    @Test
    void shouldHandTheReadyKeyWithItsAttachmentToTheHandlerAndReturnItsWork() throws IOException
    {
        poller.register(pipe.source(), SelectionKey.OP_READ, "the source");
        makeReadable();

        assertEquals(WORK_PER_KEY, poller.poll(T0, 0));

        assertEquals(List.of("the source"), attachments);
    }

    @Test
    void shouldReportNoWorkWhenNothingIsReady() throws IOException
    {
        poller.register(pipe.source(), SelectionKey.OP_READ, "the source");

        assertEquals(0, poller.poll(T0, 0));

        assertEquals(List.of(), attachments);
    }

    @Test
    void shouldSkipAPollUntilTheIntervalHasPassedSinceTheLastOne() throws IOException
    {
        poller.register(pipe.source(), SelectionKey.OP_READ, "the source");
        makeReadable();

        assertEquals(WORK_PER_KEY, poller.poll(T0, INTERVAL_NS), "the first poll always runs");
        assertEquals(0, poller.poll(T0 + INTERVAL_NS - 1, INTERVAL_NS), "too soon: skipped");
        assertEquals(1, attachments.size(), "a skipped poll does not select");
        assertEquals(WORK_PER_KEY, poller.poll(T0 + INTERVAL_NS, INTERVAL_NS));
        assertEquals(0, poller.poll(T0 + 2 * INTERVAL_NS - 1, INTERVAL_NS), "measured from the last poll that ran");
        assertEquals(WORK_PER_KEY, poller.poll(T0 + 2 * INTERVAL_NS, INTERVAL_NS));

        assertEquals(3, attachments.size());
    }

    @Test
    void shouldPollEveryCallWithoutAnInterval() throws IOException
    {
        poller.register(pipe.source(), SelectionKey.OP_READ, "the source");
        makeReadable();

        for (int i = 0; i < 3; i++)
        {
            assertEquals(WORK_PER_KEY, poller.poll(T0, 0));
        }
    }

    @Test
    void shouldRunTheFirstPollWhateverTheClockReads() throws IOException
    {
        poller.register(pipe.source(), SelectionKey.OP_READ, "the source");
        makeReadable();

        assertEquals(WORK_PER_KEY, poller.poll(0, Long.MAX_VALUE));
        assertEquals(0, poller.poll(1, Long.MAX_VALUE));
    }

    @Test
    void shouldMeasureTheIntervalAcrossTheWrapOfTheClock() throws IOException
    {
        poller.register(pipe.source(), SelectionKey.OP_READ, "the source");
        makeReadable();
        final long nearWrap = Long.MAX_VALUE - INTERVAL_NS / 2;

        assertEquals(WORK_PER_KEY, poller.poll(nearWrap, INTERVAL_NS));
        assertEquals(0, poller.poll(nearWrap + INTERVAL_NS - 1, INTERVAL_NS), "the clock wrapped: still too soon");
        assertEquals(WORK_PER_KEY, poller.poll(nearWrap + INTERVAL_NS, INTERVAL_NS));
    }

    @Test
    void shouldStopReportingADeregisteredChannel() throws IOException
    {
        poller.register(pipe.source(), SelectionKey.OP_READ, "the source");
        makeReadable();
        assertEquals(WORK_PER_KEY, poller.poll(T0, 0));

        poller.deregister(pipe.source());

        assertEquals(0, poller.poll(T0, 0));
        assertEquals(1, attachments.size());
    }

    private int onSelected(final SelectionKey key)
    {
        attachments.add(key.attachment());
        return WORK_PER_KEY;
    }

    private void makeReadable() throws IOException
    {
        assertEquals(1, pipe.sink().write(ByteBuffer.wrap(new byte[]{1})));
    }
}
