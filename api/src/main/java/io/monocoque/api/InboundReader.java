package io.monocoque.api;

import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.engine.shared.FragmentReassembly;
import io.monocoque.engine.shared.HandOffSlots;
import io.monocoque.engine.shared.MessageRecord;
import io.monocoque.engine.shared.Rings;
import org.agrona.DirectBuffer;
import org.agrona.LangUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The consumer side of a socket's receive ring: walks each {@link MessageRecord} (one or more whole messages from
 * one peer, the engine's inbound batches) and hands out messages one by one, up to a limit, either as a
 * {@link MessageView} over the ring (zero copy, {@link #poll}) or copied into a {@link Message}
 * ({@link #receive}). A record cut short by the limit stays in the ring and the next read resumes at the first
 * message not yet handed out. The socket's pattern sees every message first ({@link Socket#acceptIncoming}), to
 * keep REP's envelope or drop what a pattern does not deliver.
 * <p>
 * <b>Large messages</b> arrive as fragment records (see {@link MessageRecord}): they are put back together in a
 * {@link FragmentReassembly}, whose buffer grows only when a message needs more than it has (to the largest message so
 * far) and is reused after, and the whole message then takes the same path as one from a record. A partial message
 * followed by a record that does not continue it was abandoned by the engine (its connection closed): it is dropped
 * and counted ({@link #abandonedMessages()}). Most large messages do not come in fragments at all: the engine lends
 * the read buffer holding one ({@link MessageRecord#MSG_TYPE_HAND_OFF}), the message is handed out from there, and the
 * buffer goes back to the engine ({@link HandOffSlots#release}) as soon as the handler returns or the copy is made.
 * A large batch is lent the same way and walked like a record; its buffer goes back after its last message.
 * <p>
 * <b>Handlers.</b> A poll handler that throws loses only the message it was given: that message counts as consumed,
 * the rest stay in the ring for the next read, and the exception reaches the caller of {@code poll}. A poll or
 * receive from inside a poll handler is refused with a {@link SocketStateException} (it would hand out the messages
 * of the record being read a second time).
 * <p>
 * Owned by the socket's application thread. Allocates nothing, except to grow the reassembly buffer.
 */
final class InboundReader implements ControlledMessageHandler
{
    private static final int RECEIVED = 1;
    private static final int EMPTY = 0;
    private static final int DROPPED = -1;
    private static final byte[] NO_BYTES = new byte[0];

    private final Socket socket;
    private OneToOneRingBuffer ring;
    private HandOffSlots handOffSlots;
    /** Wraps a lent buffer only while its message is handed out, so no reference outlives the loan. */
    private final UnsafeBuffer lentView = new UnsafeBuffer(NO_BYTES);
    private final MessageView view = new MessageView();
    private final FrameCursor cursor = new FrameCursor();
    /** Large messages that arrive in fragments are put back together here before they are handed out. */
    private final FragmentReassembly reassembly = new FragmentReassembly();
    private MessageHandler handler;
    private Message copyTarget;
    private int delivered;
    private int limit;
    private int resumeOffset;
    private boolean reading;
    /** A {@link #hasMessage()} walk: look for a deliverable message, hand nothing out. */
    private boolean peeking;
    private boolean found;
    private Throwable handlerFailure;
    private long abandonedMessages;

    InboundReader(final Socket socket)
    {
        this.socket = socket;
    }

    /**
     * The socket has started: read from its receive ring from now on.
     *
     * @param ring         the receive ring.
     * @param handOffSlots the slots its hand-off records name.
     */
    void attach(final OneToOneRingBuffer ring, final HandOffSlots handOffSlots)
    {
        this.ring = ring;
        this.handOffSlots = handOffSlots;
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
     * Hand up to {@code limit} messages to a handler as views into the ring (or into the reassembly buffer, for a
     * message that arrived in fragments). If the handler throws, the message it was given is consumed, the rest are
     * not, and the exception is rethrown.
     *
     * @param handler receives each message.
     * @param limit   most messages.
     * @return messages handed out.
     * @throws SocketStateException if called from inside a poll handler.
     */
    int poll(final MessageHandler handler, final int limit)
    {
        checkNotReading();
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
     * @throws SocketStateException       if called from inside a poll handler.
     */
    boolean receive(final Message into, final BlockingWait wait, final long timeoutMs)
    {
        checkNotReading();
        wait.begin();
        try
        {
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
        finally
        {
            wait.end();
        }
    }

    /**
     * Whether a receive would hand out a message now, without handing it out (a socket's {@code events()}). Messages
     * at the head that the pattern would drop ({@link Socket#deliverable}) are consumed on the way, as a receive would
     * consume them, lent large messages included; the first deliverable one stays where it is. A fragment at the head
     * counts as ready, even of a message the pattern will drop: its receive copies what has arrived and waits for the
     * rest, which is what makes room for it.
     *
     * @return true if a message waits.
     * @throws SocketStateException if called from inside a poll handler.
     */
    boolean hasMessage()
    {
        checkNotReading();
        peeking = true;
        found = false;
        reading = true;
        try
        {
            Rings.controlledRead(ring, this, Integer.MAX_VALUE);
        }
        finally
        {
            reading = false;
            peeking = false;
        }
        return found;
    }

    /**
     * Partial large messages dropped because their connection closed before the last fragment.
     *
     * @return the count.
     */
    long abandonedMessages()
    {
        return abandonedMessages;
    }

    private void checkNotReading()
    {
        if (reading)
        {
            throw new SocketStateException("poll and recv may not be called from inside a poll handler: the " +
                "handler is still being given the messages of that read; return from it and read again");
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
        final int records;
        reading = true;
        try
        {
            // No record limit: fragments deliver nothing, and a poll that copied fragments must not look idle.
            records = Rings.controlledRead(ring, this, Integer.MAX_VALUE);
        }
        finally
        {
            reading = false;
        }
        final Throwable failure = handlerFailure;
        if (failure != null)
        {
            handlerFailure = null;
            LangUtil.rethrowUnchecked(failure);
        }
        return records;
    }

    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (peeking)
        {
            return peek(msgTypeId, buffer, index, length);
        }
        if (delivered >= limit || handlerFailure != null)
        {
            return Action.ABORT; // a handler that threw ends the read: nothing more is handed out
        }
        switch (msgTypeId)
        {
            case MessageRecord.MSG_TYPE_FRAGMENT_BEGIN:
            case MessageRecord.MSG_TYPE_FRAGMENT_MIDDLE:
            case MessageRecord.MSG_TYPE_FRAGMENT_END:
                if (reassembly.onFragment(msgTypeId, buffer, index, length))
                {
                    deliverWhole(reassembly.messagePeerId(), reassembly.message(), 0, reassembly.messageLength());
                }
                countDropped();
                return Action.CONTINUE;
            case MessageRecord.MSG_TYPE_HAND_OFF:
                dropPartialMessage();
                return deliverLent(buffer, index);
            default:
                dropPartialMessage();
                return onRecord(buffer, index, length);
        }
    }

    private Action peek(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId == MessageRecord.MSG_TYPE_HAND_OFF)
        {
            return peekLent(buffer, index);
        }
        if (msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_BEGIN || msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_MIDDLE ||
            msgTypeId == MessageRecord.MSG_TYPE_FRAGMENT_END)
        {
            found = true; // a receive takes what has arrived and waits for the rest (see hasMessage)
            return Action.ABORT;
        }
        final long peerId = buffer.getLong(index + MessageRecord.PEER_ID_OFFSET);
        return peekRun(peerId, buffer, index + MessageRecord.FRAMES_OFFSET, index + length) ?
            Action.ABORT : Action.CONTINUE;
    }

    /**
     * Lent messages (a large one, or a large batch): ready if the pattern would deliver one, the others before it
     * dropped here as a receive would drop them; the buffer goes back once none is left.
     */
    private Action peekLent(final DirectBuffer record, final int index)
    {
        final int slot = record.getInt(index + MessageRecord.HAND_OFF_SLOT_OFFSET);
        final int start = record.getInt(index + MessageRecord.HAND_OFF_MESSAGE_OFFSET);
        final boolean ready;
        try
        {
            lentView.wrap(handOffSlots.buffer(slot));
            ready = peekRun(record.getLong(index + MessageRecord.PEER_ID_OFFSET), lentView, start,
                start + record.getInt(index + MessageRecord.HAND_OFF_LENGTH_OFFSET));
        }
        finally
        {
            lentView.wrap(NO_BYTES);
        }
        if (ready)
        {
            return Action.ABORT;
        }
        dropPartialMessage();
        handOffSlots.release(slot); // consumed, as deliverLent would have, without handing it out
        return Action.CONTINUE;
    }

    /**
     * Look for a deliverable message among whole messages {@code [start, end)}, from where the last read stopped;
     * the ones the pattern drops are consumed on the way.
     *
     * @return true if one was found (the next read starts at it).
     */
    private boolean peekRun(final long peerId, final DirectBuffer buffer, final int start, final int end)
    {
        int position = start + resumeOffset;
        while (position < end)
        {
            final int messageLength = FrameDescriptor.messageLength(buffer, position);
            if (socket.deliverable(peerId, buffer, position, messageLength))
            {
                resumeOffset = position - start;
                found = true;
                return true;
            }
            position += messageLength; // dropped, as a receive would drop it
        }
        resumeOffset = 0;
        return false;
    }

    private Action onRecord(final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long peerId = buffer.getLong(index + MessageRecord.PEER_ID_OFFSET);
        return deliverRun(peerId, buffer, index + MessageRecord.FRAMES_OFFSET, index + length) ?
            Action.CONTINUE : Action.ABORT;
    }

    /** Lent messages: handed out from the lent buffer, which goes back to the engine once the last one has been. */
    private Action deliverLent(final DirectBuffer record, final int index)
    {
        final int slot = record.getInt(index + MessageRecord.HAND_OFF_SLOT_OFFSET);
        final int start = record.getInt(index + MessageRecord.HAND_OFF_MESSAGE_OFFSET);
        boolean finished = false;
        try
        {
            lentView.wrap(handOffSlots.buffer(slot));
            finished = deliverRun(record.getLong(index + MessageRecord.PEER_ID_OFFSET), lentView, start,
                start + record.getInt(index + MessageRecord.HAND_OFF_LENGTH_OFFSET));
        }
        finally
        {
            lentView.wrap(NO_BYTES);
            if (finished)
            {
                handOffSlots.release(slot); // the engine may read into that buffer again
            }
        }
        return finished ? Action.CONTINUE : Action.ABORT;
    }

    /**
     * Hand out whole messages {@code [start, end)}, from where the last read stopped, up to the read's limit.
     *
     * @return true if the last of them was handed out; false if the read stopped first (the next one resumes).
     */
    private boolean deliverRun(final long peerId, final DirectBuffer buffer, final int start, final int end)
    {
        int position = start + resumeOffset;
        resumeOffset = 0;
        while (position < end)
        {
            if (delivered >= limit)
            {
                resumeOffset = position - start;
                return false;
            }
            final int messageLength = FrameDescriptor.messageLength(buffer, position);
            deliverWhole(peerId, buffer, position, messageLength);
            position += messageLength;
            if (handlerFailure != null && position < end)
            {
                // The message that threw is consumed; the rest stays for the next read.
                resumeOffset = position - start;
                return false;
            }
        }
        return true;
    }

    /** A record that is no fragment: a partial message before it was abandoned by the engine. */
    private void dropPartialMessage()
    {
        reassembly.onWholeRecord();
        countDropped();
    }

    private void countDropped()
    {
        abandonedMessages += reassembly.takeDropped();
    }

    private void deliverWhole(final long peerId, final DirectBuffer buffer, final int offset, final int length)
    {
        final int framesOffset = socket.acceptIncoming(peerId, buffer, offset, length);
        if (framesOffset >= 0)
        {
            delivered++;
            deliver(buffer, framesOffset, offset + length - framesOffset);
        }
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
            try
            {
                handler.onMessage(view);
            }
            catch (final Throwable ex)
            {
                handlerFailure = ex; // rethrown once the ring has been left consistent
            }
        }
    }
}
