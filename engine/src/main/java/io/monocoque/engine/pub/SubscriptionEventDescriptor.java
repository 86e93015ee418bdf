package io.monocoque.engine.pub;

/**
 * Layout of a record in an XPUB worker's event ring (an Agrona {@code OneToOneRingBuffer} from one fan-out worker
 * to the engine agent): a subscription change read from a subscriber, or an upstream message, for the agent to turn
 * into what the XPUB application receives. The record type is the ring's message type id.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                  peer id (64 bits, little-endian)             |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                 flags (bit 0: CHANGED)                        |
 * +---------------------------------------------------------------+
 * |  payload: the prefix (SUBSCRIBE, CANCEL) or the encoded frames (MESSAGE)...
 * +---------------------------------------------------------------+
 * </pre>
 * CHANGED says whether the connection's own subscription set changed: a SUBSCRIBE for a prefix the connection had
 * already, or a CANCEL for one it did not have, leaves it unchanged (libzmq's XPUB tells those apart too).
 */
public final class SubscriptionEventDescriptor
{
    /** A subscriber subscribed to the prefix in the payload. */
    public static final int TYPE_SUBSCRIBE = 1;
    /** A subscriber cancelled the prefix in the payload. */
    public static final int TYPE_CANCEL = 2;
    /** A subscriber (an XSUB) sent an ordinary message upstream; the payload holds its frames. */
    public static final int TYPE_MESSAGE = 3;

    /** Offset of the peer id. */
    public static final int PEER_ID_OFFSET = 0;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 8;
    /** Offset of the payload. */
    public static final int PAYLOAD_OFFSET = 12;
    /** Flag: the connection's subscription set changed. */
    public static final int FLAG_CHANGED = 1;

    private SubscriptionEventDescriptor()
    {
    }
}
