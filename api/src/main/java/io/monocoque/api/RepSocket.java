package io.monocoque.api;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The server of synchronous request/reply (RFC 28): strictly receive, send, receive, send... Each request's
 * envelope (the routing frames up to and including the empty delimiter) is kept, and the reply goes back on it to
 * the connection the request came from. Requests without a delimiter are dropped, as in libzmq.
 * Created by {@link Context#socket(SocketType)}; used by one application thread at a time.
 */
public final class RepSocket extends Socket
{
    private static final int INITIAL_ENVELOPE_CAPACITY = 64;

    private final ExpandableArrayBuffer envelope = new ExpandableArrayBuffer(INITIAL_ENVELOPE_CAPACITY);
    private int envelopeLength;
    private long requestPeerId;
    private boolean hasRequest;

    RepSocket(final Context context)
    {
        super(context, SocketType.REP);
    }

    @Override
    long offerMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        checkHasRequest();
        return replied(writeRecord(requestPeerId, envelope, 0, envelopeLength, buffer, offset, length));
    }

    @Override
    long offerFrame(final DirectBuffer body, final int offset, final int length)
    {
        checkHasRequest();
        return replied(writeFrameRecord(requestPeerId, envelope, envelopeLength, body, offset, length));
    }

    @Override
    long offerFrames(final byte[][] frames)
    {
        checkHasRequest();
        return replied(writeFramesRecord(requestPeerId, envelope, envelopeLength, frames, 0));
    }

    /** {@code tryClaim}: a reply on the request's envelope, to its peer; the next request may come once committed. */
    private final RingClaim replyClaim = new RingClaim(this)
    {
        @Override
        long claim(final int[] frameLengths, final int frameCount, final int encoded)
        {
            checkHasRequest();
            head(requestPeerId, envelope, envelopeLength);
            return super.claim(frameLengths, frameCount, encoded);
        }

        @Override
        void committed(final int recordLength)
        {
            replied(recordLength);
        }
    };

    @Override
    ClaimTarget claimTarget()
    {
        return replyClaim;
    }

    private void checkHasRequest()
    {
        if (!hasRequest)
        {
            throw new SocketStateException("REP must receive a request before sending a reply");
        }
    }

    /** The reply went into the ring (result &gt; 0) on the request's envelope: the next request may come. */
    private long replied(final long result)
    {
        if (result > 0)
        {
            hasRequest = false;
        }
        return result;
    }

    @Override
    void checkCanReceive()
    {
        if (hasRequest)
        {
            throw new SocketStateException("REP must send the reply before receiving the next request");
        }
    }

    @Override
    int receiveLimit(final int limit)
    {
        return 1;
    }

    @Override
    boolean receivesNow()
    {
        return !hasRequest;
    }

    @Override
    boolean sendsNow()
    {
        return hasRequest;
    }

    @Override
    boolean deliverable(final long peerId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        return requestBodyOffset(buffer, framesOffset, framesLength) >= 0;
    }

    @Override
    int acceptIncoming(final long peerId, final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        final int bodyOffset = requestBodyOffset(buffer, framesOffset, framesLength);
        if (bodyOffset >= 0)
        {
            envelopeLength = bodyOffset - framesOffset;
            envelope.putBytes(0, buffer, framesOffset, envelopeLength);
            requestPeerId = peerId;
            hasRequest = true;
        }
        return bodyOffset;
    }

    /** Where the request's body starts (after the envelope's empty delimiter), or -1 if it has none. */
    private int requestBodyOffset(final DirectBuffer buffer, final int framesOffset, final int framesLength)
    {
        cursor.wrap(buffer, framesOffset, framesLength);
        while (cursor.next())
        {
            if (cursor.bodyLength() == 0)
            {
                // Nothing after the delimiter: no request body.
                return cursor.hasMore() ? cursor.nextFrameOffset() : -1;
            }
        }
        return -1;
    }
}
