package io.monocoque.engine.session;

import io.monocoque.codec.ZmtpError;
import io.monocoque.codec.ZmtpProtocolException;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataEncoder;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.GreetingDescriptor;
import io.monocoque.codec.greeting.Mechanism;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The NULL mechanism (RFC 23): no authentication, no encryption. Once the peer's greeting proposes NULL too, each
 * side sends READY with its metadata (Socket-Type, Identity) and the handshake is complete when the peer's READY
 * arrives. Messages travel untouched ({@link FrameTransform#IDENTITY}). Signature padding and the as-server flag
 * are not checked: real libzmq and JeroMQ peers put other values there.
 * <p>
 * Owned by the thread that owns its connection.
 */
public final class NullHandshake implements Handshake
{
    private final String socketType;
    private final UnsafeBuffer identity;
    private final MetadataReader metadata = new MetadataReader();
    private boolean greetingReceived;
    private boolean readySent;
    private boolean complete;

    /**
     * Create the local side.
     *
     * @param socketType the local socket type's wire name, sent in READY.
     * @param identity   the routing identity sent in READY (may be empty).
     */
    public NullHandshake(final String socketType, final byte[] identity)
    {
        this.socketType = socketType;
        this.identity = new UnsafeBuffer(identity);
    }

    @Override
    public Mechanism mechanism()
    {
        return Mechanism.NULL;
    }

    @Override
    public boolean asServer()
    {
        return false;
    }

    @Override
    public void reset()
    {
        greetingReceived = false;
        readySent = false;
        complete = false;
    }

    @Override
    public void onPeerGreeting(final GreetingDecoder greeting)
    {
        if (greeting.mechanism() != Mechanism.NULL)
        {
            throw new ZmtpProtocolException(ZmtpError.UNSUPPORTED_MECHANISM, GreetingDescriptor.MECHANISM_OFFSET,
                "peer proposes " + greeting.mechanismName() + ", this socket runs NULL");
        }
        greetingReceived = true;
    }

    @Override
    public int nextCommands(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        if (!greetingReceived || readySent)
        {
            return 0;
        }
        final int length = MetadataEncoder.readyLength(socketType, identity.capacity());
        if (length > capacity)
        {
            throw new IllegalStateException("READY does not fit the handshake buffer: " + length);
        }
        readySent = true;
        return MetadataEncoder.encodeReady(buffer, offset, socketType, identity, 0, identity.capacity());
    }

    @Override
    public void onCommand(final CommandFlyweight command, final long streamPosition)
    {
        if (command.type() != CommandType.READY)
        {
            throw new ZmtpProtocolException(ZmtpError.UNEXPECTED_COMMAND, streamPosition,
                "expected READY, got " + command.name());
        }
        metadata.wrap(command.buffer(), command.dataOffset(), command.dataLength());
        complete = true;
    }

    @Override
    public boolean isComplete()
    {
        return complete;
    }

    @Override
    public MetadataReader peerMetadata()
    {
        return metadata;
    }

    @Override
    public FrameTransform transform()
    {
        return FrameTransform.IDENTITY;
    }
}
