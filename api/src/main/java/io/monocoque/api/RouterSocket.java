package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.PeerOutbound;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The asynchronous server of request/reply (RFC 28): every received message starts with a frame holding the
 * routing id of the peer it came from (the peer's Identity from READY, or a generated 5-byte id as libzmq makes);
 * every sent message must start with such a frame and goes to that peer only. A message for an unknown routing
 * id is dropped, or with {@link #routerMandatory(boolean)} refused with {@link SendResult#HOST_UNREACHABLE}. A
 * message for a peer at its high-water mark (its connection's outbound buffer already holds {@code sndHwmBytes} the
 * kernel has not taken, with this message) is dropped by the engine and counted in
 * {@link #droppedMessages()}, so one stalled peer never holds up the others; with {@code routerMandatory} it is
 * refused at the call instead: {@code offer} returns {@link SendResult#BACK_PRESSURED} and {@code send} waits for
 * that peer up to {@code sndTimeoutMs}, as libzmq's ROUTER_MANDATORY returns or waits on EAGAIN.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class RouterSocket extends Socket
{
    private static final byte[] NO_ID = new byte[0];

    /** Wraps a byte-array routing id only while it is looked up. */
    private final UnsafeBuffer idView = new UnsafeBuffer(NO_ID);
    private boolean routerMandatory;
    private final int[] singleFrame = new int[1];
    private final RoutedClaim routedClaim = new RoutedClaim();

    RouterSocket(final Context context)
    {
        super(context, SocketType.ROUTER);
    }

    /**
     * Whether sending to an unknown routing id, or to a peer at its HWM, is refused at the call rather than dropped.
     *
     * @return the option's value.
     */
    public boolean routerMandatory()
    {
        return routerMandatory;
    }

    /**
     * Set routerMandatory (libzmq's ZMQ_ROUTER_MANDATORY): {@code offer} to an unknown routing id returns
     * {@link SendResult#HOST_UNREACHABLE} ({@code send} throws {@link HostUnreachableException}), and to a peer at
     * its HWM {@link SendResult#BACK_PRESSURED} ({@code send} waits for that peer to take bytes, up to
     * {@code sndTimeoutMs}); other peers are not affected. Without it both are dropped silently (a full peer's
     * messages counted in {@link #droppedMessages()}). Application thread.
     *
     * @param mandatory true to refuse unknown routing ids and full peers.
     * @return this.
     */
    public RouterSocket routerMandatory(final boolean mandatory)
    {
        checkOpen();
        this.routerMandatory = mandatory;
        return this;
    }

    /**
     * Claim space for a single-frame message to the peer {@code routingId} names, whose body the caller writes in
     * place (see {@link Socket#tryClaim(MessageClaim, int)}): the routing id is not part of the claim, since it
     * chooses the peer rather than travelling to it. The peer is looked up at the claim with the answers of an
     * {@code offer}: an unknown id is {@link SendResult#HOST_UNREACHABLE} with {@link #routerMandatory}, and
     * otherwise claimed all the same and dropped at the commit, as libzmq drops it; a peer at its HWM is
     * {@link SendResult#BACK_PRESSURED} with {@code routerMandatory}, otherwise the engine drops the message for it.
     * Application thread.
     *
     * @param claim     receives the claimed space; not already holding a claim.
     * @param routingId holds the peer's routing id; read during this call only.
     * @param idOffset  first byte of the id.
     * @param idLength  its length.
     * @param length    the body's length.
     * @return as {@link Socket#tryClaim(MessageClaim, int)}, or {@link SendResult#HOST_UNREACHABLE}.
     */
    public long tryClaim(final MessageClaim claim, final DirectBuffer routingId, final int idOffset,
        final int idLength, final int length)
    {
        singleFrame[0] = length;
        return tryClaim(claim, routingId, idOffset, idLength, singleFrame, 1);
    }

    /**
     * {@link #tryClaim(MessageClaim, DirectBuffer, int, int, int)} for a multipart message: {@code frameCount} frames
     * after the routing id, each written at {@link MessageClaim#frameOffset(int)}.
     *
     * @param claim        receives the claimed space.
     * @param routingId    holds the peer's routing id; read during this call only.
     * @param idOffset     first byte of the id.
     * @param idLength     its length.
     * @param frameLengths the frames' body lengths.
     * @param frameCount   how many of {@code frameLengths} to use, at least 1.
     * @return as {@link #tryClaim(MessageClaim, DirectBuffer, int, int, int)}.
     */
    public long tryClaim(final MessageClaim claim, final DirectBuffer routingId, final int idOffset,
        final int idLength, final int[] frameLengths, final int frameCount)
    {
        routedClaim.to(routingId, idOffset, idLength);
        try
        {
            return tryClaim(claim, frameLengths, frameCount, routedClaim);
        }
        finally
        {
            routedClaim.to(null, 0, 0); // the caller's buffer is not kept
        }
    }

    /**
     * ROUTER's claims name their peer: {@link #tryClaim(MessageClaim, DirectBuffer, int, int, int)}.
     *
     * @throws UnsupportedOperationException always.
     */
    @Override
    ClaimTarget claimTarget()
    {
        throw new UnsupportedOperationException("a ROUTER claim names its peer: tryClaim(claim, routingId, " +
            "idOffset, idLength, length), the routing id apart from the frames claimed");
    }

    /** A claim to the peer a routing id names; dropped at the commit if none has it (libzmq's silent drop). */
    private final class RoutedClaim extends RingClaim
    {
        private DirectBuffer routingId;
        private int idOffset;
        private int idLength;
        /** The claimed message's peer, or null if its id named none (then the commit drops it). */
        private PeerOutbound peer;
        private int queuedBytes;

        RoutedClaim()
        {
            super(RouterSocket.this);
        }

        void to(final DirectBuffer routingId, final int idOffset, final int idLength)
        {
            this.routingId = routingId;
            this.idOffset = idOffset;
            this.idLength = idLength;
        }

        @Override
        long claim(final int[] frameLengths, final int frameCount, final int encoded)
        {
            if (idOffset < 0 || idLength < 0 || (long)idOffset + idLength > routingId.capacity())
            {
                throw new IndexOutOfBoundsException("routing id [" + idOffset + ", " + idOffset + "+" + idLength +
                    ") outside a buffer of " + routingId.capacity() + " bytes");
            }
            final PeerOutbound found = status().directory().peer(routingId, idOffset, idLength);
            final long refused = refusal(found, encoded);
            if (refused != 0)
            {
                return refused;
            }
            head(found == null ? MessageRecord.ANY_PEER : found.peerId(), null, 0);
            final long start = super.claim(frameLengths, frameCount, encoded);
            if (start >= 0)
            {
                peer = found;
                queuedBytes = encoded;
            }
            return start;
        }

        @Override
        void commit()
        {
            final PeerOutbound target = peer;
            peer = null;
            if (target == null)
            {
                abort(); // no peer has that id: dropped, as an offer to it would be
                return;
            }
            super.commit();
            target.onQueued(queuedBytes);
        }
    }

    /**
     * A message given as byte arrays goes straight into the ring: the first frame names the peer (looked up as
     * {@link #offerMessage} does, with the same answers), the rest is written once, as given.
     */
    @Override
    long offerFrames(final byte[][] frames)
    {
        if (frames.length < 2)
        {
            return SendRing.NEEDS_FRAGMENTS; // the encoded path refuses it with its own message
        }
        final byte[] id = frames[0];
        idView.wrap(id);
        final PeerOutbound peer = status().directory().peer(idView, 0, id.length);
        idView.wrap(NO_ID);
        final int bodyLength = (int)FrameDescriptor.encodedLength(frames, 1);
        final long refused = refusal(peer, bodyLength);
        if (refused != 0)
        {
            return refused;
        }
        if (peer == null)
        {
            return FrameDescriptor.encodedLength(frames, 0); // libzmq drops silently
        }
        final long result = writeFramesRecord(peer.peerId(), null, 0, frames, 1);
        if (result > 0)
        {
            peer.onQueued(bodyLength);
        }
        return result;
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        cursor.wrap(buffer, offset, length);
        if (!cursor.next() || !cursor.hasMore())
        {
            throw new IllegalArgumentException(
                "a ROUTER message needs a routing id frame followed by at least one frame");
        }
        final PeerOutbound peer = status().directory().peer(buffer, cursor.bodyOffset(), cursor.bodyLength());
        final int bodyStart = cursor.nextFrameOffset();
        final int bodyLength = offset + length - bodyStart;
        final long refused = refusal(peer, bodyLength);
        if (refused != 0)
        {
            return refused;
        }
        if (peer == null)
        {
            return length; // libzmq drops silently unless ZMQ_ROUTER_MANDATORY is set
        }
        final long result = writeRecord(peer.peerId(), null, 0, 0, buffer, bodyStart, bodyLength);
        if (result > 0)
        {
            peer.onQueued(bodyLength);
        }
        return result;
    }

    /**
     * What {@code routerMandatory} answers for a message of {@code bodyLength} encoded bytes to {@code peer} (null:
     * no peer has that routing id): {@link SendResult#HOST_UNREACHABLE} for no peer, {@link SendResult#BACK_PRESSURED}
     * for a peer at its HWM (libzmq's EAGAIN), otherwise 0, also for every message without the option (then an unknown
     * id is dropped silently and a full peer's message by the engine).
     */
    private long refusal(final PeerOutbound peer, final int bodyLength)
    {
        if (!routerMandatory)
        {
            return 0;
        }
        if (peer == null)
        {
            return SendResult.HOST_UNREACHABLE;
        }
        return peer.hasRoomFor(bodyLength) ? 0 : SendResult.BACK_PRESSURED;
    }
}
