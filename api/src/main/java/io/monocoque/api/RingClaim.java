package io.monocoque.api;

import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A claim of one send-ring record: the peer it goes to and the frames the pattern puts in front (REQ's delimiter,
 * REP's envelope) are written at the claim, the caller's frames after them. DEALER, PUSH and PAIR use it as it is
 * (the engine picks the peer); REQ, REP and ROUTER extend it to set the peer and envelope first
 * ({@link #head}) and to change their state only once the message is committed ({@link #committed}).
 * <p>
 * Owned by the socket's application thread, like its send ring.
 */
class RingClaim extends ClaimTarget
{
    private final Socket socket;
    private long peerId = MessageRecord.ANY_PEER;
    private DirectBuffer prefix;
    private int prefixLength;
    private int index;
    private int recordLength;

    RingClaim(final Socket socket)
    {
        this.socket = socket;
    }

    /**
     * Set what the next claimed record starts with.
     *
     * @param peerId       the peer it goes to, or {@link MessageRecord#ANY_PEER} for the engine's choice.
     * @param prefix       encoded frames to put before the caller's, or null.
     * @param prefixLength their length.
     */
    final void head(final long peerId, final DirectBuffer prefix, final int prefixLength)
    {
        this.peerId = peerId;
        this.prefix = prefix;
        this.prefixLength = prefixLength;
    }

    @Override
    long claim(final int[] frameLengths, final int frameCount, final int encoded)
    {
        final SendRing ring = socket.sendRing();
        final long length = (long)MessageRecord.FRAMES_OFFSET + prefixLength + encoded;
        if (length > ring.maxRecordLength())
        {
            return SendResult.MESSAGE_EXCEEDS_HWM; // a claim is one record: an eighth of sndHwmBytes at most
        }
        final int claimed = ring.claim(peerId, (int)length, prefix, prefixLength);
        if (claimed < 0)
        {
            return SendResult.BACK_PRESSURED;
        }
        index = claimed;
        recordLength = (int)length;
        return claimed + MessageRecord.FRAMES_OFFSET + prefixLength;
    }

    @Override
    final MutableDirectBuffer buffer()
    {
        return socket.sendRing().records();
    }

    @Override
    void commit()
    {
        socket.sendRing().commitClaim(index);
        committed(recordLength);
    }

    @Override
    final void abort()
    {
        socket.sendRing().abortClaim(index);
    }

    /**
     * The record is committed: the pattern's state moves on, as after an offer of the same message.
     *
     * @param recordLength the record's length, as an offer would have returned it.
     */
    void committed(final int recordLength)
    {
    }
}
