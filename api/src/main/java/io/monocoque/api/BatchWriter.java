package io.monocoque.api;

import io.monocoque.engine.shared.MessageRecord;

/**
 * What a socket's {@code offer(MessageBatch)} and {@code send(MessageBatch)} do: take whole messages from the front
 * of the batch into the send ring, as few records as the pattern allows.
 * <ul>
 *     <li>A DEALER, PUSH or PAIR socket with at most one connected peer ({@link Socket#batchesInOneRecord()}) packs
 *     as many consecutive messages as fit one ring record into one record: one claim, one commit, one wake, each
 *     byte copied once. If the ring has no room for all of them, fewer (halving) are tried, so a full ring takes
 *     what it can.</li>
 *     <li>With several peers, those sockets write one record per message (still one copy each), so that the engine
 *     round-robins per message as libzmq does, rather than sending the whole batch to one peer.</li>
 *     <li>The other patterns (ROUTER, REQ, REP, PUB, XPUB...), and a message too large for one record, take each
 *     message through the socket's usual path ({@link Socket#offerMessage}), encoded first: same routing, envelopes,
 *     state rules and fragmentation as a single {@code offer}.</li>
 * </ul>
 * Owned by the socket's application thread. Allocates nothing, except to grow the buffer the encoded path uses.
 */
final class BatchWriter
{
    private final Socket socket;
    private final OwnerGuard guard;
    private final SocketOptions options;
    private final BlockingWait wait;
    private final OutboundWriter writer;
    /** Encodes the messages that take the pattern's path; reused by every call. */
    private final Message scratch = new Message();

    BatchWriter(
        final Socket socket,
        final OwnerGuard guard,
        final SocketOptions options,
        final BlockingWait wait,
        final OutboundWriter writer)
    {
        this.socket = socket;
        this.guard = guard;
        this.options = options;
        this.wait = wait;
        this.writer = writer;
    }

    /**
     * {@link Socket#offer(MessageBatch)}.
     *
     * @param batch the messages.
     * @return messages taken (&gt; 0), 0 for an empty batch, or a {@link SendResult} code if none was taken.
     */
    long offer(final MessageBatch batch)
    {
        guard.enter();
        try
        {
            return offerChecked(batch, false);
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link Socket#send(MessageBatch)}.
     *
     * @param batch the messages.
     * @return true if all were taken, false if the timeout passed first (the batch keeps what was not taken).
     */
    boolean send(final MessageBatch batch)
    {
        guard.enter();
        wait.begin();
        try
        {
            while (!batch.isEmpty())
            {
                final long result = offerChecked(batch, true);
                if (result > 0)
                {
                    continue;
                }
                if (result == OutboundWriter.CHECKED)
                {
                    // The front message takes the pattern's path: a blocking send of it, which streams one larger
                    // than the ring and answers the codes as send(Message) does.
                    if (!writer.send(encodeFront(batch)))
                    {
                        return false;
                    }
                    takeFront(batch);
                    continue;
                }
                if (!OutboundWriter.isSent(result) && !wait.pause(options.sndTimeoutMs()))
                {
                    return false;
                }
            }
            return true;
        }
        finally
        {
            wait.end();
            guard.exit();
        }
    }

    /**
     * Take what the ring takes now. With {@code stopAtEncoded}, a front message that must take the pattern's path
     * is left for the caller ({@link OutboundWriter#CHECKED}); otherwise it is offered all or nothing.
     */
    private long offerChecked(final MessageBatch batch, final boolean stopAtEncoded)
    {
        final long checked = writer.check(1, 0);
        if (checked != OutboundWriter.CHECKED)
        {
            return checked;
        }
        long taken = 0;
        long result = 0;
        while (!batch.isEmpty())
        {
            final int from = batch.head();
            final int end = batch.messageEnd(from);
            if (isTooLarge(batch, from, end))
            {
                if (taken > 0)
                {
                    break; // what was taken is reported; the next offer refuses this one
                }
                throw new MessageTooLargeException("message of " + batch.bodyLength(from, end) +
                    " bytes exceeds maxMsgSize " + options.maxMsgSize());
            }
            final long encoded = batch.encodedLength(from, end);
            if (socket.sendsFramesAsGiven() && fitsOneRecord(encoded))
            {
                result = writeRecord(batch, from, end, encoded);
            }
            else if (stopAtEncoded && taken == 0)
            {
                return OutboundWriter.CHECKED;
            }
            else if (stopAtEncoded)
            {
                break;
            }
            else
            {
                final Message message = encodeFront(batch);
                result = socket.offerMessage(message.buffer(), 0, message.encodedLength());
                if (result > 0)
                {
                    takeFront(batch);
                    result = 1;
                }
            }
            if (result <= 0)
            {
                break;
            }
            taken += result;
        }
        return taken > 0 ? taken : result;
    }

    /**
     * One record of the messages from {@code from} on: as many as fit one record when the socket has at most one
     * peer (halving while the ring refuses them), one otherwise.
     *
     * @return messages taken, or the ring's code.
     */
    private long writeRecord(final MessageBatch batch, final int from, final int firstEnd, final long firstEncoded)
    {
        int count = 1;
        int to = firstEnd;
        long encoded = firstEncoded;
        if (socket.batchesInOneRecord())
        {
            // The first message fits and is not too large (the caller checked), so the run holds at least it.
            to = batch.scan(from, Integer.MAX_VALUE, maxRecordFrames(), options.maxMsgSize());
            encoded = batch.scannedEncoded();
            count = batch.scannedMessages();
        }
        final SendRing ring = socket.sendRing();
        while (true)
        {
            final long result = ring.writeBatch(batch, from, to, (int)encoded);
            if (result > 0)
            {
                batch.taken(to, count);
                return count;
            }
            if (count == 1)
            {
                return result;
            }
            count >>= 1;
            to = batch.scan(from, count, Long.MAX_VALUE, -1);
            encoded = batch.scannedEncoded();
        }
    }

    /** @return encoded bytes of frames one send-ring record holds after its peer id. */
    private long maxRecordFrames()
    {
        return socket.sendRing().maxRecordLength() - MessageRecord.FRAMES_OFFSET;
    }

    private boolean fitsOneRecord(final long encoded)
    {
        return encoded <= maxRecordFrames();
    }

    private boolean isTooLarge(final MessageBatch batch, final int from, final int end)
    {
        final long maxMsgSize = options.maxMsgSize();
        return maxMsgSize >= 0 && batch.bodyLength(from, end) > maxMsgSize;
    }

    private Message encodeFront(final MessageBatch batch)
    {
        scratch.clear();
        final int from = batch.head();
        final int end = batch.messageEnd(from);
        for (int i = from; i < end; i++)
        {
            batch.addTo(i, scratch);
        }
        return scratch;
    }

    private static void takeFront(final MessageBatch batch)
    {
        batch.taken(batch.messageEnd(batch.head()), 1);
    }
}
