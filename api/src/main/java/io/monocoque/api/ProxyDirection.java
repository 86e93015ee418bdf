package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;

/**
 * One direction of a {@link Proxy}: take whole messages from one socket and queue them on the other. A message the
 * other side cannot take yet (its send ring is full) is held, and this direction takes nothing more until it goes:
 * back-pressure, never loss. A message the other side can never take (no endpoint, unknown routing id with
 * {@code routerMandatory}, over its {@code maxMsgSize}) is dropped and counted. A message larger than the other
 * side's high-water mark, which the all-or-nothing {@code offer} can never queue, goes through the blocking
 * {@code send}, which streams it as room appears (waiting up to that socket's {@code sndTimeoutMs}).
 * <p>
 * Each step is non-blocking apart from that fallback, and {@link #forward(int)} says how much it did, so the loop
 * that drives the directions can wait on a poller instead of idling once one exists.
 * <p>
 * Owned by the proxy's thread; allocates only when a message is larger than any held so far.
 */
final class ProxyDirection implements MessageHandler
{
    private final Socket from;
    private final Socket to;
    private final Socket capture;
    private final ProxyStatistics statistics;
    private final int fromSide;
    private final int toSide;
    private final int unforwardedCounter;
    private final Message held = new Message();
    private final FrameCursor cursor = new FrameCursor();
    private boolean holding;
    private boolean closed;

    /**
     * @param from               receives.
     * @param to                 sends.
     * @param capture            gets a copy of each message received, or null.
     * @param statistics         the proxy's counters.
     * @param fromSide           {@code from}'s "messages in" counter.
     * @param toSide             {@code to}'s "messages in" counter.
     * @param unforwardedCounter where messages {@code to} can never take are counted.
     */
    ProxyDirection(
        final Socket from,
        final Socket to,
        final Socket capture,
        final ProxyStatistics statistics,
        final int fromSide,
        final int toSide,
        final int unforwardedCounter)
    {
        this.from = from;
        this.to = to;
        this.capture = capture;
        this.statistics = statistics;
        this.fromSide = fromSide;
        this.toSide = toSide;
        this.unforwardedCounter = unforwardedCounter;
    }

    /**
     * Forward up to {@code burst} messages, stopping early when {@code from} has none or {@code to} is full.
     *
     * @param burst most messages to move (so that one busy direction does not starve the other).
     * @return messages taken care of (forwarded or counted as unforwardable).
     */
    int forward(final int burst)
    {
        int work = 0;
        while (work < burst && !closed)
        {
            if (!holding)
            {
                if (from.poll(this, 1) == 0)
                {
                    break;
                }
                statistics.received(fromSide, held.size());
                copyToCapture();
            }
            final long result = queue();
            if (result > 0)
            {
                statistics.sent(toSide, held.size());
            }
            else if (result == SendResult.BACK_PRESSURED)
            {
                break; // keep it: try again next round
            }
            else if (result == SendResult.CLOSED)
            {
                closed = true;
                break;
            }
            else
            {
                statistics.increment(unforwardedCounter);
            }
            holding = false;
            work++;
        }
        return work;
    }

    /**
     * Whether the receiving side turned out to be closed.
     *
     * @return true once a send found it closed.
     */
    boolean isClosed()
    {
        return closed;
    }

    private long queue()
    {
        try
        {
            final long result = to.offer(held);
            return result == SendResult.MESSAGE_EXCEEDS_HWM ? sendLarge() : result;
        }
        catch (final MessageTooLargeException ex)
        {
            return SendResult.MESSAGE_EXCEEDS_HWM; // over maxMsgSize: never forwardable
        }
    }

    /** Larger than the other side's HWM: only the blocking send, which streams it, can queue it. */
    private long sendLarge()
    {
        try
        {
            return to.send(held) ? held.encodedLength() : SendResult.BACK_PRESSURED;
        }
        catch (final SocketClosedException ex)
        {
            return SendResult.CLOSED;
        }
        catch (final SocketInterruptedException ex)
        {
            return SendResult.BACK_PRESSURED; // still held; the proxy sees the interrupt and stops
        }
        catch (final HostUnreachableException ex)
        {
            return SendResult.HOST_UNREACHABLE;
        }
    }

    private void copyToCapture()
    {
        if (capture == null)
        {
            return;
        }
        long result;
        try
        {
            result = capture.offer(held);
        }
        catch (final MessageTooLargeException ex)
        {
            result = SendResult.MESSAGE_EXCEEDS_HWM;
        }
        if (result <= 0)
        {
            statistics.increment(ProxyStatistics.CAPTURE_DROPPED);
        }
    }

    @Override
    public void onMessage(final MessageView message)
    {
        held.setEncoded(message.buffer(), message.encodedOffset(), message.encodedLength(), cursor);
        holding = true;
    }
}
