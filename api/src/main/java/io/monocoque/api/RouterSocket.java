package io.monocoque.api;

import io.monocoque.codec.frame.FrameDescriptor;
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
        if (peer == null)
        {
            return routerMandatory ? SendResult.HOST_UNREACHABLE : FrameDescriptor.encodedLength(frames, 0);
        }
        final int bodyLength = (int)FrameDescriptor.encodedLength(frames, 1);
        if (routerMandatory && !peer.hasRoomFor(bodyLength))
        {
            return SendResult.BACK_PRESSURED;
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
        if (peer == null)
        {
            // libzmq drops silently unless ZMQ_ROUTER_MANDATORY is set.
            return routerMandatory ? SendResult.HOST_UNREACHABLE : length;
        }
        final int bodyStart = cursor.nextFrameOffset();
        final int bodyLength = offset + length - bodyStart;
        if (routerMandatory && !peer.hasRoomFor(bodyLength))
        {
            return SendResult.BACK_PRESSURED; // libzmq: EAGAIN when the peer's pipe is at its HWM
        }
        final long result = writeRecord(peer.peerId(), null, 0, 0, buffer, bodyStart, bodyLength);
        if (result > 0)
        {
            peer.onQueued(bodyLength);
        }
        return result;
    }
}
