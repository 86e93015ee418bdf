package io.monocoque.engine.shared;

/**
 * Layout of a message record in a socket's inbound or outbound ring (an Agrona {@code OneToOneRingBuffer}; the
 * ring adds its own 8-byte record header in front). A record holds one or more whole multipart messages from or
 * to the same peer, so every message is committed whole or not at all. Outbound, the application writes one
 * message per record; inbound, the engine puts everything one read brought from a connection into one record
 * (except for ROUTER and REQ, which handle each message), saving a claim and a commit per message; readers find
 * message boundaries from the frames' MORE flags.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                  peer id (64 bits, little-endian)             |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |  frames: the message in ZMTP 3 encoding (flags, size, body)...
 * +---------------------------------------------------------------+
 * </pre>
 * Outbound, the peer id names the connection a routed message goes to (ROUTER, REP), or is {@link #ANY_PEER} to
 * let the engine choose (round-robin). Inbound, it names the connection the message came from. Storing frames in
 * wire encoding means the engine copies a message from the ring to the kernel without re-encoding, and the
 * application reads frames in place with a {@code FrameCursor}.
 */
public final class MessageRecord
{
    /** Ring message type of a record holding a message. */
    public static final int MSG_TYPE_MESSAGE = 1;
    /** Ring message type of a record holding a subscription change (SUB/XSUB): frames hold the ZMTP 3.0 form. */
    public static final int MSG_TYPE_SUBSCRIPTION = 2;

    /** Offset of the peer id. */
    public static final int PEER_ID_OFFSET = 0;
    /** Offset of the first frame header. */
    public static final int FRAMES_OFFSET = 8;
    /** Peer id meaning "let the engine route it". */
    public static final long ANY_PEER = 0;

    private MessageRecord()
    {
    }
}
