package io.monocoque.engine.session;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import io.monocoque.codec.command.MetadataEncoder;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.socket.SocketType;

/**
 * What a peer said about itself during the handshake: its ZMTP version (from the greeting) and, from the metadata
 * the mechanism accepted (NULL's READY; PLAIN's and CURVE's INITIATE and READY), its socket type, checked against
 * the RFC's compatibility matrix, and its routing Identity. Mechanism-independent: every mechanism hands the same
 * properties over.
 * <p>
 * Owned by the thread that owns its connection; allocates only the identity, once per handshake.
 */
final class PeerProperties
{
    /**
     * Longest Identity a peer may announce: ZeroMQ's routing-id limit (libzmq refuses a longer ZMQ_ROUTING_ID), so
     * a ROUTER's routing-id frame stays a short frame and every peer can address it.
     */
    static final int MAX_IDENTITY_LENGTH = 255;
    private static final byte[] NO_IDENTITY = new byte[0];

    private SocketType type;
    private byte[] identity = NO_IDENTITY;
    private boolean zmtp30;

    /**
     * The peer's greeting said which ZMTP version it speaks.
     *
     * @param zmtp30 true for a ZMTP 3.0 peer (subscriptions as messages).
     */
    void onGreeting(final boolean zmtp30)
    {
        this.zmtp30 = zmtp30;
    }

    /**
     * Take the peer's metadata: its Socket-Type must be known and compatible with ours.
     *
     * @param metadata the properties the mechanism accepted.
     * @param local    this side's socket type.
     * @throws ZmtpProtocolException if Socket-Type is missing, unknown or incompatible, or the Identity is longer than
     *                               {@link #MAX_IDENTITY_LENGTH}.
     */
    void accept(final MetadataReader metadata, final SocketType local)
    {
        if (!metadata.find(MetadataEncoder.SOCKET_TYPE))
        {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, ZmtpProtocolException.NO_OFFSET,
                "READY has no Socket-Type property");
        }
        final SocketType peer = SocketType.fromWireName(metadata.buffer(), metadata.valueOffset(),
            metadata.valueLength());
        if (peer == null)
        {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, ZmtpProtocolException.NO_OFFSET,
                "unknown peer socket type '" + metadata.valueAsString() + "'");
        }
        if (!local.isCompatibleWith(peer))
        {
            throw new ZmtpProtocolException(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, ZmtpProtocolException.NO_OFFSET,
                local + " cannot talk to " + peer);
        }
        if (metadata.find(MetadataEncoder.IDENTITY) && metadata.valueLength() > MAX_IDENTITY_LENGTH)
        {
            throw new ZmtpProtocolException(ZmtpError.MALFORMED_METADATA, ZmtpProtocolException.NO_OFFSET,
                "peer identity of " + metadata.valueLength() + " bytes is longer than ZeroMQ's limit of " +
                    MAX_IDENTITY_LENGTH);
        }
        type = peer;
        if (metadata.find(MetadataEncoder.IDENTITY) && metadata.valueLength() > 0)
        {
            identity = new byte[metadata.valueLength()];
            metadata.buffer().getBytes(metadata.valueOffset(), identity);
        }
        else
        {
            identity = NO_IDENTITY;
        }
    }

    SocketType type()
    {
        return type;
    }

    byte[] identity()
    {
        return identity;
    }

    boolean isZmtp30()
    {
        return zmtp30;
    }

    /**
     * Whether the peer is a subscriber, whose ZMTP 3.0 subscriptions arrive as messages.
     *
     * @return true for SUB and XSUB.
     */
    boolean isSubscriber()
    {
        return type == SocketType.SUB || type == SocketType.XSUB;
    }
}
