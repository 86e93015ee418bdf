package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.shared.MessageRecord;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The consumer side of a socket's receive ring: walks each {@link MessageRecord} (one or more whole messages from
 * one peer, the engine's inbound batches) and hands out messages one by one, up to a limit, either as a
 * {@link MessageView} over the ring (zero copy, {@link #poll}) or copied into a {@link Message}
 * ({@link #receive}). A record cut short by the limit stays in the ring and the next read resumes at the first
 * message not yet handed out. The socket's pattern sees every message first ({@link Socket#acceptIncoming}), to
 * keep REP's envelope or drop what a pattern does not deliver.
 * <p>
 * Owned by the socket's application thread. Allocates nothing.
 */
final class InboundReader implements ControlledMessageHandler
{
    /** {@link #receive}: a message was copied out. */
    static final int RECEIVED = 1;
    /** {@link #receive}: the ring was empty. */
    static final int EMPTY = 0;
    /** {@link #receive}: a message was read but the pattern dropped it: look again at once. */
    static final int DROPPED = -1;

    private final Socket socket;
    private final OneToOneRingBuffer ring;
    private final MessageView view = new MessageView();
    private final FrameCursor cursor = new FrameCursor();
    private MessageHandler handler;
    private Message copyTarget;
    private int delivered;
    private int limit;
    private int resumeOffset;

    InboundReader(final Socket socket, final OneToOneRingBuffer ring)
    {
        this.socket = socket;
        this.ring = ring;
    }

    /**
     * Hand up to {@code limit} messages to a handler as views into the ring.
     *
     * @param handler receives each message.
     * @param limit   most messages.
     * @return messages handed out.
     */
    int poll(final MessageHandler handler, final int limit)
    {
        this.handler = handler;
        try
        {
            read(limit);
            return delivered;
        }
        finally
        {
            this.handler = null;
        }
    }

    /**
     * Copy the next message into a reusable {@link Message}.
     *
     * @param into receives the message.
     * @return {@link #RECEIVED}, {@link #EMPTY} or {@link #DROPPED}.
     */
    int receive(final Message into)
    {
        copyTarget = into;
        try
        {
            final int records = read(1);
            if (delivered > 0)
            {
                return RECEIVED;
            }
            return records > 0 ? DROPPED : EMPTY;
        }
        finally
        {
            copyTarget = null;
        }
    }

    private int read(final int limit)
    {
        delivered = 0;
        this.limit = limit;
        return ring.controlledRead(this, limit);
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long peerId = buffer.getLong(index + MessageRecord.PEER_ID_OFFSET);
        final int end = index + length;
        int position = index + (resumeOffset > 0 ? resumeOffset : MessageRecord.FRAMES_OFFSET);
        resumeOffset = 0;
        while (position < end)
        {
            if (delivered >= limit)
            {
                final int offset = position - index;
                resumeOffset = offset == MessageRecord.FRAMES_OFFSET ? 0 : offset;
                return Action.ABORT;
            }
            final int messageLength = FrameDescriptor.messageLength(buffer, position);
            final int framesOffset = socket.acceptIncoming(peerId, buffer, position, messageLength);
            if (framesOffset >= 0)
            {
                delivered++;
                deliver(buffer, framesOffset, position + messageLength - framesOffset);
            }
            position += messageLength;
        }
        return Action.CONTINUE;
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        if (copyTarget != null)
        {
            copyTarget.setEncoded(buffer, offset, length, cursor);
        }
        else
        {
            view.wrap(buffer, offset, length);
            handler.onMessage(view);
        }
    }
}
