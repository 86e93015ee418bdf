package io.monocoque.api;

import io.monocoque.engine.shared.RoomWait;
import org.agrona.DirectBuffer;

/**
 * What a socket's {@code offer} and {@code send} calls do, above its {@link SendRing}: each call enters the socket's
 * {@link OwnerGuard}, checks the message (at least one frame, within {@code maxMsgSize}) and hands it to the socket's
 * pattern ({@link Socket#offerMessage}), which routes it into the ring ({@link Socket#writeRecord}). A non-blocking
 * offer is all or nothing and returns the ring's code; a blocking send retries through the socket's
 * {@link BlockingWait} until {@code sndTimeoutMs}, turns the codes no wait can change into exceptions, and lets a
 * message larger than the HWM stream into the ring, waiting for room between its fragments
 * ({@link #streamingWait()}).
 * <p>
 * An {@code offer} of a buffer or of byte arrays, and a blocking {@code send} of byte arrays, first ask the pattern
 * to write the frames straight into the send ring, one copy of the caller's bytes ({@link Socket#offerFrame},
 * {@link Socket#offerFrames}: DEALER, PUSH and PAIR as given, ROUTER after the routing id, REQ and REP behind their
 * envelopes); the other patterns, and messages too large for one ring record, go through a reusable
 * {@link Message} first.
 * <p>
 * Owned by the socket's application thread. Allocates nothing, except to grow the buffer that byte-array and
 * single-buffer messages are encoded into.
 */
final class OutboundWriter
{
    /** {@link #check}: the message may be offered. */
    static final long CHECKED = 0;
    private static final int SENT = 1;
    private static final int TIMED_OUT = 0;
    /** {@link #sendDirect}: the message goes through the scratch {@link Message} and {@link #sendBlocking}. */
    private static final int ENCODE_FIRST = -1;

    private final Socket socket;
    private final OwnerGuard guard;
    private final SocketOptions options;
    private final BlockingWait wait;
    /** Encodes the messages given as byte arrays or one buffer; reused by every call. */
    private final Message scratch = new Message();
    /** Made once: the blocking send hands it to the send ring to stream a message larger than the HWM. */
    private final RoomWait roomWait = this::awaitRoom;
    /** {@link #roomWait} while a blocking send runs, null for an all-or-nothing offer. */
    private RoomWait streaming;

    OutboundWriter(final Socket socket, final OwnerGuard guard, final SocketOptions options, final BlockingWait wait)
    {
        this.socket = socket;
        this.guard = guard;
        this.options = options;
        this.wait = wait;
    }

    /**
     * {@link Socket#offer(Message)}.
     *
     * @param message the message.
     * @return as {@link Socket#offer(Message)}.
     */
    long offer(final Message message)
    {
        guard.enter();
        try
        {
            return offerChecked(message.buffer(), message.encodedLength(), message.frameCount(), message.size());
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link Socket#offer(DirectBuffer, int, int)}.
     *
     * @param buffer holds the frame body.
     * @param offset first byte.
     * @param length body length.
     * @return as {@link Socket#offer(Message)}.
     */
    long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        guard.enter();
        try
        {
            final long checked = check(1, length);
            if (checked != CHECKED)
            {
                return checked;
            }
            final long direct = socket.offerFrame(buffer, offset, length);
            if (direct != SendRing.NEEDS_FRAGMENTS)
            {
                return direct;
            }
            scratch.clear().add(buffer, offset, length);
            return socket.offerMessage(scratch.buffer(), 0, scratch.encodedLength());
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link Socket#offer(byte[]...)}.
     *
     * @param frames the frames.
     * @return as {@link Socket#offer(Message)}.
     */
    long offer(final byte[][] frames)
    {
        guard.enter();
        try
        {
            final long checked = check(frames.length, totalLength(frames));
            if (checked != CHECKED)
            {
                return checked;
            }
            final long direct = socket.offerFrames(frames);
            if (direct != SendRing.NEEDS_FRAGMENTS)
            {
                return direct;
            }
            fillScratch(frames);
            return socket.offerMessage(scratch.buffer(), 0, scratch.encodedLength());
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link Socket#send(Message)}.
     *
     * @param message the message.
     * @return true if sent, false on timeout.
     */
    boolean send(final Message message)
    {
        guard.enter();
        try
        {
            return sendBlocking(message.buffer(), message.encodedLength(), message.frameCount(), message.size());
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * {@link Socket#send(byte[]...)}.
     *
     * @param frames the frames.
     * @return true if sent, false on timeout.
     */
    boolean send(final byte[][] frames)
    {
        guard.enter();
        try
        {
            final int outcome = sendDirect(frames, totalLength(frames));
            if (outcome != ENCODE_FIRST)
            {
                return outcome == SENT;
            }
            fillScratch(frames);
            return sendBlocking(scratch.buffer(), scratch.encodedLength(), frames.length, scratch.size());
        }
        finally
        {
            guard.exit();
        }
    }

    /**
     * How the send in progress waits for room between the fragments of a message larger than its ring.
     *
     * @return the wait while a blocking send runs, null during an all-or-nothing offer.
     */
    RoomWait streamingWait()
    {
        return streaming;
    }

    private static long totalLength(final byte[][] frames)
    {
        long total = 0;
        for (final byte[] frame : frames)
        {
            total += frame.length;
        }
        return total;
    }

    private void fillScratch(final byte[][] frames)
    {
        scratch.clear();
        for (final byte[] frame : frames)
        {
            scratch.add(frame);
        }
    }

    /**
     * A blocking send of frames straight into the ring ({@link Socket#offerFrames}), with {@link #sendUntilTimeout}'s
     * answers to the codes; {@link #ENCODE_FIRST} if the socket or the message takes the encoded path instead.
     */
    private int sendDirect(final byte[][] frames, final long size)
    {
        wait.begin();
        try
        {
            do
            {
                final long checked = check(frames.length, size);
                final long result = checked != CHECKED ? checked : socket.offerFrames(frames);
                if (result == SendRing.NEEDS_FRAGMENTS)
                {
                    return ENCODE_FIRST;
                }
                if (isSent(result))
                {
                    return SENT;
                }
            }
            while (wait.pause(options.sndTimeoutMs()));
            return TIMED_OUT;
        }
        finally
        {
            wait.end();
        }
    }

    private boolean sendBlocking(final DirectBuffer buffer, final int length, final int frameCount, final long size)
    {
        wait.begin();
        try
        {
            return sendUntilTimeout(buffer, length, frameCount, size);
        }
        finally
        {
            wait.end();
        }
    }

    private boolean sendUntilTimeout(final DirectBuffer buffer, final int length, final int frameCount, final long size)
    {
        do
        {
            final long result;
            streaming = roomWait; // a message larger than the HWM streams in, waiting for room between fragments
            try
            {
                result = offerChecked(buffer, length, frameCount, size);
            }
            finally
            {
                streaming = null;
            }
            if (isSent(result))
            {
                return true;
            }
        }
        while (wait.pause(options.sndTimeoutMs()));
        return false;
    }

    /**
     * What a blocking send makes of an attempt's code: true if the message is in, an exception for the codes no
     * waiting can change, false to wait and try again (back-pressure).
     */
    static boolean isSent(final long result)
    {
        if (result > 0)
        {
            return true;
        }
        if (result == SendResult.CLOSED)
        {
            throw new SocketClosedException("socket is closed");
        }
        if (result == SendResult.HOST_UNREACHABLE)
        {
            throw new HostUnreachableException("no connected peer has this routing id (routerMandatory)");
        }
        if (result == SendResult.NOT_CONNECTED)
        {
            throw new SocketStateException("cannot send: the socket has no endpoint (bind or connect first)");
        }
        return false;
    }

    private long offerChecked(final DirectBuffer buffer, final int length, final int frameCount, final long size)
    {
        final long checked = check(frameCount, size);
        return checked != CHECKED ? checked : socket.offerMessage(buffer, 0, length);
    }

    /**
     * The checks every offer passes before the pattern sees the message.
     *
     * @return {@link #CHECKED}, {@link SendResult#CLOSED} or {@link SendResult#NOT_CONNECTED}.
     * @throws IllegalArgumentException for a message without frames.
     * @throws MessageTooLargeException for a message over {@code maxMsgSize}.
     */
    long check(final int frameCount, final long size)
    {
        if (socket.isClosed())
        {
            return SendResult.CLOSED;
        }
        if (frameCount == 0)
        {
            throw new IllegalArgumentException("a message needs at least one frame");
        }
        final long maxMsgSize = options.maxMsgSize();
        if (maxMsgSize >= 0 && size > maxMsgSize)
        {
            throw new MessageTooLargeException("message of " + size + " bytes exceeds maxMsgSize " + maxMsgSize);
        }
        if (!socket.isStarted())
        {
            return SendResult.NOT_CONNECTED;
        }
        return CHECKED;
    }

    private boolean awaitRoom()
    {
        return !socket.isClosed() && wait.pause(-1);
    }
}
