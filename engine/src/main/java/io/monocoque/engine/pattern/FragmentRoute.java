package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.session.StagingBuffer;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.SocketStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler.Action;

/**
 * Where the fragments of one large outbound message go: the connection chosen at its begin record, for every
 * fragment up to its end, so that the message reaches one peer whole and in order (fragments are consecutive in the
 * send ring). Each fragment is staged alone once the connection's staging buffer is empty ({@link Connection#
 * canStageFragment()}), so no connection ever holds more than one record of it. If that connection closes or is
 * replaced (a reconnect gives a new peer id) before the end, the remaining fragments are discarded and the message
 * is counted as dropped: what the old session sent of it is gone with it, as libzmq loses a message in flight.
 * <p>
 * A router that drops at the peer's HWM (ROUTER, REP: {@code admitWhole}) decides at the begin record instead: a
 * message the peer's HWM has room for is admitted whole ({@code StagingBuffer.beginMessage}) and its fragments are
 * appended as they come, so it never waits in the ring for that peer; so is one larger than the HWM itself while
 * the peer's unsent bytes are below the HWM ({@code beginOversizedMessage}: as a libzmq pipe below its HWM takes one
 * more message whatever its size); any other is dropped whole.
 * <p>
 * Owned by the engine agent thread (one per router).
 */
final class FragmentRoute
{
    private final SocketStatus status;
    private final boolean admitWhole;
    private Connection target;
    private long targetPeerId;
    /** The target admitted the whole message: its fragments are appended, never wait. */
    private boolean admitted;
    private boolean discarding;

    /**
     * Create the route of a router whose messages wait for their peer.
     *
     * @param status where drops are counted.
     */
    FragmentRoute(final SocketStatus status)
    {
        this(status, false);
    }

    /**
     * Create the route.
     *
     * @param status     where drops are counted.
     * @param admitWhole true to admit or drop each message whole at its begin record (the peer's HWM decides).
     */
    FragmentRoute(final SocketStatus status, final boolean admitWhole)
    {
        this.status = status;
        this.admitWhole = admitWhole;
    }

    /**
     * Whether a record is a fragment of a large message.
     *
     * @param msgTypeId the record's type.
     * @return true for begin, middle and end fragments.
     */
    static boolean isFragment(final int msgTypeId)
    {
        return msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN ||
            msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_MIDDLE ||
            msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_END;
    }

    /**
     * Whether a begin fragment has been routed and its end not yet reached.
     *
     * @return true between a routed begin and its end.
     */
    boolean inProgress()
    {
        return target != null || discarding;
    }

    /**
     * Route a begin fragment to a connection chosen by the caller.
     *
     * @param connection the peer that gets the whole message, or null to drop it (no such peer).
     * @param buffer     the ring's buffer.
     * @param index      the record.
     * @param length     the record's length.
     * @return CONTINUE if staged or dropped, ABORT to be offered it again (the connection is not ready).
     */
    Action begin(final Connection connection, final DirectBuffer buffer, final int index, final int length)
    {
        if (connection == null)
        {
            discarding = true;
            return Action.CONTINUE;
        }
        final int offset = index + MessageRecord.BEGIN_FRAMES_OFFSET;
        final int bytes = length - MessageRecord.BEGIN_FRAMES_OFFSET;
        if (admitWhole)
        {
            final StagingBuffer staging = connection.staging();
            final long totalLength = buffer.getLong(index + MessageRecord.TOTAL_LENGTH_OFFSET);
            final boolean admitted = totalLength > staging.hwmBytes() ? staging.beginOversizedMessage(totalLength) :
                staging.beginMessage(totalLength);
            if (!admitted)
            {
                discarding = true; // the peer is at its HWM: libzmq's ROUTER drops the message and serves the others
                return Action.CONTINUE;
            }
            admit(connection, true);
            staging.appendFragment(buffer, offset, bytes);
            return Action.CONTINUE;
        }
        if (!connection.canStageFragment())
        {
            return Action.ABORT;
        }
        admit(connection, false);
        connection.stageFragment(buffer, offset, bytes);
        return Action.CONTINUE;
    }

    private void admit(final Connection connection, final boolean whole)
    {
        target = connection;
        targetPeerId = connection.peerId();
        admitted = whole;
    }

    /**
     * Route a middle or end fragment to the connection its begin went to.
     *
     * @param msgTypeId middle or end.
     * @param buffer    the ring's buffer.
     * @param index     the record.
     * @param length    the record's length.
     * @return CONTINUE if staged or discarded, ABORT to wait until the connection has taken the last fragment.
     */
    Action next(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        final boolean end = msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_END;
        if (!discarding && target != null && (!target.isActive() || target.peerId() != targetPeerId))
        {
            discarding = true; // the session it began on is gone
            target = null;
        }
        if (discarding || target == null)
        {
            // No begin routed (a message abandoned by its sender, or one dropped at its begin): nothing to stage.
            if (end)
            {
                discarding = false;
                status.addDropped(1);
            }
            return Action.CONTINUE;
        }
        final int offset = index + MessageRecord.FRAMES_OFFSET;
        final int bytes = length - MessageRecord.FRAMES_OFFSET;
        if (admitted)
        {
            target.staging().appendFragment(buffer, offset, bytes); // its room was reserved at the begin
        }
        else if (target.canStageFragment())
        {
            target.stageFragment(buffer, offset, bytes);
        }
        else
        {
            return Action.ABORT;
        }
        if (end)
        {
            target = null;
        }
        return Action.CONTINUE;
    }

    /**
     * A record that is no fragment arrived while a message was in progress: its sender abandoned it (the socket closed
     * mid-send). Forget it; the connection has a partial message, so close it rather than let the next message be
     * read as the rest of it.
     */
    void abandon()
    {
        if (target != null && target.isActive() && target.peerId() == targetPeerId)
        {
            target.close("a large message was abandoned by its sender part-way");
        }
        if (inProgress())
        {
            status.addDropped(1);
        }
        target = null;
        discarding = false;
    }
}
