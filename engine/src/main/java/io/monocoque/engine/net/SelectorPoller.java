package io.monocoque.engine.net;

import org.agrona.ErrorHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * One NIO selector and the garbage-free loop that polls it: {@code selectNow} with a consumer held in a final field
 * (no {@code selectedKeys()} iterator, nothing allocated per poll), each ready key handed to a {@link KeyHandler}
 * that says how much work it did. Both owners of channels poll through it: the engine agent (listeners, pending
 * connects, connections it reads through the selector) and each PUB fan-out worker (its subscriber connections).
 * A poll can be rate-limited ({@link #poll(long, long)}) for owners whose channels rarely have anything to say.
 * <p>
 * Owned by one thread, which makes every call.
 */
public final class SelectorPoller
{
    /** What the owner does with a ready key. */
    @FunctionalInterface
    public interface KeyHandler
    {
        /**
         * A registered channel is ready; the key is valid.
         *
         * @param key the ready key; its attachment is what the owner registered.
         * @return work done (0 if nothing happened).
         */
        int onSelected(SelectionKey key);
    }

    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Timeouts from here on mean "no timeout" (a day: no timer of the engine is that far away and still exact). */
    private static final long MAX_TIMEOUT_NS = 86_400L * 1_000_000_000L;

    private final Selector selector;
    private final KeyHandler handler;
    private final ErrorHandler errorHandler;
    private final Consumer<SelectionKey> onSelected = this::dispatch;
    private int work;
    private long lastPollNs;
    private boolean polled;

    /**
     * Open a selector.
     *
     * @param handler      receives each ready key.
     * @param errorHandler receives a failure of the selector itself (the loop goes on).
     * @throws UncheckedIOException if no selector can be opened.
     */
    public SelectorPoller(final KeyHandler handler, final ErrorHandler errorHandler)
    {
        this.handler = handler;
        this.errorHandler = errorHandler;
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector", ex);
        }
    }

    /**
     * Poll unless the last poll was less than {@code minIntervalNs} ago.
     *
     * @param nowNs         the owner's time for this duty cycle.
     * @param minIntervalNs least time between two polls; 0 polls every call.
     * @return work the handler reported, 0 if the poll was skipped.
     */
    public int poll(final long nowNs, final long minIntervalNs)
    {
        if (polled && nowNs - lastPollNs < minIntervalNs)
        {
            return 0;
        }
        polled = true;
        lastPollNs = nowNs;
        work = 0;
        try
        {
            selector.selectNow(onSelected);
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
        return work;
    }

    /**
     * Block in the selector ({@code epoll_wait}) until a registered channel is ready, {@link #wakeup()} is called
     * or the timeout passes, then hand each ready key to the handler.
     *
     * @param timeoutNs longest wait; rounded up to whole milliseconds (the selector's unit), {@link Long#MAX_VALUE}
     *                  waits without a timeout; 0 or less does not block.
     * @return work the handler reported.
     */
    public int select(final long timeoutNs)
    {
        work = 0;
        try
        {
            if (timeoutNs <= 0)
            {
                selector.selectNow(onSelected);
            }
            else if (timeoutNs >= MAX_TIMEOUT_NS)
            {
                selector.select(onSelected);
            }
            else
            {
                selector.select(onSelected, (timeoutNs + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
            }
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
        return work;
    }

    /**
     * Make a blocking {@link #select(long)} in progress return at once, or the next one if none is in progress.
     * Any thread; a system call, so callers make it only when the owner really sleeps.
     */
    public void wakeup()
    {
        selector.wakeup();
    }

    private void dispatch(final SelectionKey key)
    {
        if (key.isValid())
        {
            work += handler.onSelected(key);
        }
    }

    /**
     * Register a channel.
     *
     * @param channel    a non-blocking channel.
     * @param ops        interest set.
     * @param attachment what {@link KeyHandler#onSelected} finds on the key.
     * @return the key.
     * @throws ClosedChannelException if the channel was closed meanwhile.
     */
    public SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
        throws ClosedChannelException
    {
        return channel.register(selector, ops, attachment);
    }

    /**
     * Stop watching a channel (it moves to another owner's selector, e.g. a PUB fan-out worker's).
     *
     * @param channel a channel; nothing happens if it is not registered here.
     */
    public void deregister(final SelectableChannel channel)
    {
        final SelectionKey key = channel.keyFor(selector);
        if (key != null)
        {
            key.cancel();
        }
    }

    /**
     * Close the selector (its keys are cancelled; the channels stay open).
     */
    public void close()
    {
        try
        {
            selector.close();
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
    }
}
