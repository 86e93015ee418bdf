package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.ReadWindow;
import io.monocoque.engine.shared.Rings;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * DEALER, PUSH, REQ and PAIR outbound (RFC 28, 30, 31): each message goes to the next connected peer in turn,
 * skipping peers whose staging buffer is full; when none can take it, it stays in the ring (back-pressure). For REQ
 * the chosen peer is remembered ({@link RequestCorrelation}). PAIR has at most one peer, so the turn is trivial.
 * Owned by the engine agent thread.
 */
public final class RoundRobinRouter implements OutboundRouter, ControlledMessageHandler
{
    private final PeerSet peers;
    private final RequestCorrelation correlation;
    /** {@link #nextReady} length meaning "the first fragment of a large message". */
    private static final int FRAGMENT = -1;

    private final FragmentRoute fragments;
    /** Where each drain's read ends, so records gathered for a write from the ring go out before it releases them. */
    private final ReadWindow window = new ReadWindow();
    /** Some peer gathered a record of this read that it has not written yet. */
    private boolean gathered;
    private int next;

    /**
     * Create the router.
     *
     * @param peers       the socket's connections.
     * @param correlation REQ's correlation, or null for the other types.
     */
    public RoundRobinRouter(final PeerSet peers, final RequestCorrelation correlation)
    {
        this.peers = peers;
        this.correlation = correlation;
        this.fragments = new FragmentRoute(peers.status());
    }

    @Override
    public int drain(final OneToOneRingBuffer ring)
    {
        if (peers.active().length == 0 && !fragments.inProgress())
        {
            // Queued messages wait for a peer (libzmq queues on connected endpoints too). The rest of a large message
            // whose peer has gone is discarded even so: its sender streams it in and waits until the last fragment
            // is in the ring, so keeping it would block that send until another peer came.
            return 0;
        }
        return Rings.controlledRead(ring, this, DRAIN_LIMIT, window);
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final Action action = route(msgTypeId, buffer, index, length);
        window.count();
        // Only records gathered for a write from the ring need it before the read releases them: asked only then.
        if (gathered && (action == Action.ABORT || window.isLast(index, length)))
        {
            writeGathered();
        }
        return action;
    }

    private void writeGathered()
    {
        gathered = false;
        final Connection[] active = peers.active();
        for (int i = 0; i < active.length; i++)
        {
            active[i].writeGathered();
        }
    }

    private Action route(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (FragmentRoute.isFragment(msgTypeId))
        {
            return onFragment(msgTypeId, buffer, index, length);
        }
        if (fragments.inProgress())
        {
            fragments.abandon();
        }
        final int framesLength = length - MessageRecord.FRAMES_OFFSET;
        final Connection connection = nextReady(framesLength);
        if (connection == null)
        {
            return Action.ABORT;
        }
        if (correlation != null)
        {
            correlation.requestBegins(buffer, index + MessageRecord.FRAMES_OFFSET, framesLength);
        }
        if (connection.stageFromRing(buffer, index + MessageRecord.FRAMES_OFFSET, framesLength))
        {
            gathered = true;
        }
        return Action.CONTINUE;
    }

    private Action onFragment(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId != MessageRecord.MSG_TYPE_FRAGMENT_BEGIN)
        {
            return fragments.next(msgTypeId, buffer, index, length);
        }
        // The whole message goes to the next peer that can take a fragment now.
        final Connection connection = nextReady(FRAGMENT);
        if (connection == null)
        {
            return Action.ABORT;
        }
        if (correlation != null)
        {
            correlation.requestBegins(buffer, index + MessageRecord.BEGIN_FRAMES_OFFSET,
                length - MessageRecord.BEGIN_FRAMES_OFFSET);
        }
        fragments.begin(connection, buffer, index, length);
        return Action.CONTINUE;
    }

    /**
     * The next peer in turn that can take a message of {@code length} encoded bytes now (or, for {@link #FRAGMENT},
     * a large message's first fragment); it becomes the one the next search starts after, and a REQ's request is
     * recorded as sent to it.
     */
    private Connection nextReady(final int length)
    {
        final Connection[] active = peers.active();
        final int count = active.length;
        int slot = next >= count ? 0 : next;
        for (int i = 0; i < count; i++, slot = slot + 1 == count ? 0 : slot + 1)
        {
            final Connection connection = active[slot];
            if (length == FRAGMENT ? connection.canStageFragment() : connection.canStage(length))
            {
                next = slot + 1;
                if (correlation != null)
                {
                    correlation.requestSentTo(connection);
                }
                return connection;
            }
        }
        return null;
    }
}
