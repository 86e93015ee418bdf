package io.monocoque.engine.session;

import io.monocoque.codec.command.CommandEncoder;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Answers every PING with a PONG echoing its context (RFC 37), whether or not this side sends PINGs itself. The
 * PONG is staged at once when the staging buffer has room; otherwise the latest unanswered PING's context is kept
 * (a peer needs only one PONG to know the connection is alive) and answered at the next flush. Commands are never
 * replayed after a reconnect, so a PONG for an old session is never sent on a new one.
 * <p>
 * Owned by the thread that owns its connection. Allocates nothing after construction.
 */
final class PongResponder
{
    private static final int NONE = -1;

    private final byte[] context = new byte[CommandFlyweight.MAX_PING_CONTEXT_LENGTH];
    private final UnsafeBuffer contextView = new UnsafeBuffer(context);
    private int pendingLength = NONE;

    /**
     * A new session: no PING is waiting for an answer.
     */
    void reset()
    {
        pendingLength = NONE;
    }

    /**
     * A PING arrived: stage its PONG, or keep its context for later.
     *
     * @param ping    the PING command, valid during this call.
     * @param staging the connection's staging buffer.
     */
    void onPing(final CommandFlyweight ping, final StagingBuffer staging)
    {
        final int contextLength = ping.pingContextLength();
        if (!staging.ensureRoom(CommandEncoder.commandLength(CommandType.PONG, contextLength)))
        {
            ping.buffer().getBytes(ping.pingContextOffset(), context, 0, contextLength);
            pendingLength = contextLength;
            return;
        }
        staging.commit(CommandEncoder.encode(staging.buffer(), staging.fill(), CommandType.PONG,
            ping.buffer(), ping.pingContextOffset(), contextLength));
    }

    /**
     * Whether a PONG waits for room: nothing may be written ahead of it.
     *
     * @return true while one is pending.
     */
    boolean hasPending()
    {
        return pendingLength != NONE;
    }

    /**
     * Before a write: stage the PONG that found no room earlier, if there is room now.
     *
     * @param staging the connection's staging buffer.
     */
    void stagePending(final StagingBuffer staging)
    {
        if (pendingLength != NONE &&
            staging.ensureRoom(CommandEncoder.commandLength(CommandType.PONG, pendingLength)))
        {
            staging.commit(CommandEncoder.encode(staging.buffer(), staging.fill(), CommandType.PONG,
                contextView, 0, pendingLength));
            pendingLength = NONE;
        }
    }
}
