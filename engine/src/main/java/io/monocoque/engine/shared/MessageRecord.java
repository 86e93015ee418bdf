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
 * <p>
 * <b>Fragments.</b> A message whose record would exceed the ring's largest record (an eighth of its capacity) travels
 * as a run of fragment records, Aeron's way: one {@link #MSG_TYPE_FRAGMENT_BEGIN}, any number of
 * {@link #MSG_TYPE_FRAGMENT_MIDDLE}, one {@link #MSG_TYPE_FRAGMENT_END}. Each carries the peer id at
 * {@link #PEER_ID_OFFSET}; the begin record also carries the message's whole encoded length (prefix frames
 * included) at {@link #TOTAL_LENGTH_OFFSET} and its first bytes from {@link #BEGIN_FRAMES_OFFSET}; the others carry
 * the following bytes from {@link #FRAMES_OFFSET}. The message's encoding is cut at arbitrary byte positions. The
 * fragments of one message are consecutive in the ring: a producer writes no other record between a begin and its
 * end. A record other than a middle or end fragment arriving while a message is being reassembled means that
 * message was abandoned (its producer gave up on it: inbound, the connection closed mid-message); the consumer drops
 * the partial message and counts it.
 * <pre>
 * begin:   | peer id (64) | total encoded length (64, little-endian) | first bytes ...
 * middle:  | peer id (64) | next bytes ...
 * end:     | peer id (64) | last bytes ...
 * </pre>
 * <b>Hand-offs.</b> Inbound, a message too large for one record is usually not fragmented at all: the engine lends
 * the connection's read buffer holding it to the application through a {@link HandOffSlots} slot and writes one
 * {@link #MSG_TYPE_HAND_OFF} record naming the slot and where the message (prefix frame included) lies in that
 * buffer. The reader hands the message out from there and releases the slot. Fragments remain the way when every
 * slot is lent, when a ROUTER's routing-id frame has no room in front of the message, and outbound. A large inbound
 * batch (many whole messages from one read) is lent the same way: the record then names the whole run, which the
 * reader walks as it walks a message record, releasing the slot after the last message.
 * <pre>
 * hand-off: | peer id (64) | slot (32) | offset (32) | length (32) |
 * </pre>
 */
public final class MessageRecord
{
    /** Ring message type of a record holding a message. */
    public static final int MSG_TYPE_MESSAGE = 1;
    /** Ring message type of a record holding a subscription change (SUB/XSUB): frames hold the ZMTP 3.0 form. */
    public static final int MSG_TYPE_SUBSCRIPTION = 2;

    /** Ring message type of the first record of a message too large for one record. */
    public static final int MSG_TYPE_FRAGMENT_BEGIN = 3;
    /** Ring message type of a record continuing a fragmented message. */
    public static final int MSG_TYPE_FRAGMENT_MIDDLE = 4;
    /** Ring message type of the last record of a fragmented message. */
    public static final int MSG_TYPE_FRAGMENT_END = 5;

    /** Ring message type of a record naming a message, or a run of them, lent in a {@link HandOffSlots} slot. */
    public static final int MSG_TYPE_HAND_OFF = 6;
    /** Offset, in a hand-off record, of the slot (an int). */
    public static final int HAND_OFF_SLOT_OFFSET = 8;
    /** Offset, in a hand-off record, of the message's first byte in the lent buffer (an int). */
    public static final int HAND_OFF_MESSAGE_OFFSET = 12;
    /** Offset, in a hand-off record, of the encoded length of the message or run (an int). */
    public static final int HAND_OFF_LENGTH_OFFSET = 16;
    /** Length of a hand-off record. */
    public static final int HAND_OFF_RECORD_LENGTH = 20;

    /** Offset, in a begin fragment, of the message's whole encoded length (a long). */
    public static final int TOTAL_LENGTH_OFFSET = 8;
    /** Offset, in a begin fragment, of the message's first bytes. */
    public static final int BEGIN_FRAMES_OFFSET = 16;

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
