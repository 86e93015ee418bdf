package io.monocoque.engine.pattern;

import io.monocoque.engine.session.Connection;
import io.monocoque.engine.shared.PeerOutbound;
import io.monocoque.engine.shared.RoutingDirectory;
import io.monocoque.engine.shared.SocketStatus;

import java.util.Arrays;

/**
 * ROUTER's routing ids (RFC 28, libzmq's rules): a peer that announced an Identity in READY is addressed by it
 * (refused if it starts with a zero byte, which ZeroMQ reserves, or if another connected peer holds it); any other
 * peer gets a generated id, a zero byte then a 32-bit counter, so generated ids never clash with chosen ones.
 * Every time a peer comes or goes a new {@link RoutingDirectory} is published for the application thread, which
 * resolves the first frame of each outgoing message against it, to the peer and its outbound account.
 * <p>
 * Owned by the engine agent thread (allocates on connection events only).
 */
public final class RoutingIds
{
    private static final int GENERATED_ID_LENGTH = 5;
    private static final int FIRST_GENERATED_ID = 0x12345678;

    private final PeerSet peers;
    private final SocketStatus status;
    private final AddressedRouter router;
    private int nextGenerated = FIRST_GENERATED_ID;

    /**
     * Create the routing ids of one ROUTER.
     *
     * @param peers  the socket's connections.
     * @param status where the directory is published.
     * @param router the ROUTER's outbound router, which keeps each peer's outbound account.
     */
    public RoutingIds(final PeerSet peers, final SocketStatus status, final AddressedRouter router)
    {
        this.peers = peers;
        this.status = status;
        this.router = router;
    }

    /**
     * Give a peer that finished its handshake its routing id.
     *
     * @param connection the peer, with its Identity known.
     * @return null if assigned, or why the peer is refused.
     */
    public String assign(final Connection connection)
    {
        final byte[] identity = connection.peerIdentity();
        if (identity.length > 0)
        {
            if (identity[0] == 0)
            {
                return "peer identity may not start with a zero byte (reserved for generated ids)";
            }
            for (int i = 0; i < peers.size(); i++)
            {
                final Connection other = peers.get(i);
                if (other != connection && other.isActive() && Arrays.equals(other.routingId(), identity))
                {
                    return "identity already in use by another peer";
                }
            }
            connection.routingId(identity);
        }
        else
        {
            final byte[] generated = new byte[GENERATED_ID_LENGTH];
            final int id = nextGenerated++;
            generated[1] = (byte)(id >>> 24);
            generated[2] = (byte)(id >>> 16);
            generated[3] = (byte)(id >>> 8);
            generated[4] = (byte)id;
            connection.routingId(generated);
        }
        return null;
    }

    /**
     * Publish the directory of the active peers' routing ids.
     */
    public void publish()
    {
        int count = 0;
        for (int i = 0; i < peers.size(); i++)
        {
            if (peers.get(i).isActive() && peers.get(i).routingId() != null)
            {
                count++;
            }
        }
        final byte[][] ids = new byte[count][];
        final PeerOutbound[] accounts = new PeerOutbound[count];
        int j = 0;
        for (int i = 0; i < peers.size(); i++)
        {
            final Connection connection = peers.get(i);
            if (connection.isActive() && connection.routingId() != null)
            {
                ids[j] = connection.routingId();
                accounts[j] = router.account(connection.peerId());
                j++;
            }
        }
        status.directory(new RoutingDirectory(ids, accounts));
    }
}
