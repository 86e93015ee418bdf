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
    private static final int RECEIVED = 1;
    private static final int EMPTY = 0;
    private static final int DROPPED = -1;

    private final Socket socket;
    private OneToOneRingBuffer ring;
    private final MessageView view = new MessageView();
    private final FrameCursor cursor = new FrameCursor();
    private MessageHandler handler;
    private Message copyTarget;
    private int delivered;
    private int limit;
    private int resumeOffset;

    InboundReader(final Socket socket)
    {
        this.socket = socket;
    }

    /**
     * The socket has started: read from its receive ring from now on.
     *
     * @param ring the receive ring.
     */
    void attach(final OneToOneRingBuffer ring)
    {
        this.ring = ring;
    }

    /**
     * Whether the socket has a receive ring yet (it gets one at its first bind or connect).
     *
     * @return true once attached.
     */
    boolean isAttached()
    {
        return ring != null;
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
     * Copy the next message into a reusable {@link Message}, waiting for one up to the timeout (before the socket
     * has started, only waiting). A message the pattern drops (e.g. REP's without an envelope) does not end the
     * wait: the next is looked at at once.
     *
     * @param into      receives the message.
     * @param wait      the socket's blocking wait.
     * @param timeoutMs -1 forever, 0 do not wait.
     * @return true if a message was copied, false on timeout.
     * @throws SocketClosedException      if the socket is closed while waiting.
     * @throws SocketInterruptedException if the thread is interrupted while waiting.
     */
    boolean receive(final Message into, final BlockingWait wait, final long timeoutMs)
    {
        wait.begin();
        while (true)
        {
            final int outcome = ring == null ? EMPTY : receiveOnce(into);
            if (outcome == RECEIVED)
            {
                return true;
            }
            if (outcome == EMPTY)
            {
                if (!wait.pause(timeoutMs))
                {
                    return false;
                }
                if (socket.isClosed())
                {
                    throw new SocketClosedException("socket is closed");
                }
            }
        }
    }

    private int receiveOnce(final Message into)
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
