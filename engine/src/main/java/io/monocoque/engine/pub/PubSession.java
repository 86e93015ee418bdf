package io.monocoque.engine.pub;

import io.monocoque.codec.command.SubscriptionMessage;
import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.socket.SocketType;
import io.monocoque.engine.pattern.SubscriptionTrie;
import io.monocoque.engine.session.Connection;
import io.monocoque.engine.session.ConnectionOwner;
import org.agrona.DirectBuffer;

/**
 * One subscriber connection of a PUB or XPUB socket, and the {@link ConnectionOwner} of that connection, so that
 * the connection's callbacks reach whichever thread owns it now: the engine agent during the handshake (and after
 * the connection died, for reconnect or release), then the fan-out worker it was handed to. It carries the
 * subscriber's subscriptions (a set per connection: a CANCEL removes the prefix however many SUBSCRIBEs came, as
 * libzmq's XPUB does; the subscriber side does the counting) and the worker's per-connection state.
 * <p>
 * Ownership moves only through queues ({@link PubFanOut} to a worker's inbox, a worker's outbox back), so plain
 * fields are enough: {@link #worker} is non-null exactly while a worker owns the session.
 */
final class PubSession implements ConnectionOwner
{
    final PubFanOut fanOut;
    final SubscriptionTrie subscriptions = new SubscriptionTrie();
    private final FrameCursor cursor = new FrameCursor();
    Connection connection;

    // ---- owned by the worker while worker != null
    PubWorker worker;
    long joinSequence;
    long lastProgressNs;
    boolean writeBlocked;
    boolean dirty;
    boolean dead;
    long dropped;
    /** A run of consecutive messages in the ring's data, matched but not yet copied to the staging buffer. */
    int runOffset;
    int runLength;
    int runMessages;
    /** This subscriber admitted the large message whose fragments the worker is reading: they are appended. */
    boolean admittedLarge;

    // ---- owned by the agent
    boolean pendingHandoff;
    int workerIndex = -1;

    PubSession(final PubFanOut fanOut)
    {
        this.fanOut = fanOut;
    }

    @Override
    public SocketType socketType()
    {
        return fanOut.socketType();
    }

    @Override
    public String onConnectionReady(final Connection connection)
    {
        return fanOut.onSessionReady(this); // agent thread: the handshake runs there
    }

    @Override
    public boolean onMessage(
        final Connection connection,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int frameCount)
    {
        // libzmq 4.3 XSUB sends subscriptions as 0x01/0x00 messages even to ZMTP 3.1 peers, so any message from a
        // subscriber whose first frame starts with 0 or 1 is a subscription; anything else is an upstream message
        // (XPUB delivers it to the application, PUB drops it).
        cursor.wrap(buffer, offset, length).next();
        if (SubscriptionMessage.isSubscription(buffer, cursor.bodyOffset(), cursor.bodyLength()))
        {
            return onSubscription(connection, SubscriptionMessage.isSubscribe(buffer, cursor.bodyOffset()),
                buffer, cursor.bodyOffset() + 1, cursor.bodyLength() - 1);
        }
        return fanOut.onUpstreamMessage(this, buffer, offset, length);
    }

    @Override
    public boolean hasOpenBatch()
    {
        return false; // messages from subscribers are rare: handled one by one
    }

    @Override
    public int endBatch(final Connection connection)
    {
        return 0;
    }

    @Override
    public boolean onSubscription(
        final Connection connection,
        final boolean subscribe,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final boolean present = subscriptions.count(buffer, offset, length) > 0;
        final boolean changed = subscribe != present;
        if (!fanOut.report(this, subscribe, changed, buffer, offset, length))
        {
            return false; // the report could not be queued: the connection offers it again later
        }
        if (changed)
        {
            if (subscribe)
            {
                subscriptions.add(buffer, offset, length);
            }
            else
            {
                subscriptions.remove(buffer, offset, length);
            }
        }
        return true;
    }

    @Override
    public void onConnectionLost(final Connection connection)
    {
        if (worker != null)
        {
            worker.onSessionLost(this);
        }
        else
        {
            fanOut.onSessionLostOnAgent(this);
        }
    }

    /**
     * Whether a worker owns the session now. Only meaningful on the thread that owns it.
     *
     * @return true in the worker phase.
     */
    boolean isOnWorker()
    {
        return worker != null;
    }
}
