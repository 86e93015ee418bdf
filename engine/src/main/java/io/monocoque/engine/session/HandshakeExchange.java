package io.monocoque.engine.session;

import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.GreetingEncoder;
import io.monocoque.engine.net.Transport;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * This side of a session's opening, from the greeting to the end of the security mechanism's handshake: queues our
 * greeting when a session starts, hands the peer's greeting and handshake commands to the mechanism
 * ({@link Handshake}) and queues the commands it answers with, writes those queued bytes ahead of any message, and
 * keeps the deadline ({@code handshakeIvlMs}) by which the opening must be done. The {@link Connection} decodes the
 * peer's bytes, refuses an ERROR, and decides what a completed handshake or a missed deadline means.
 * <p>
 * Owned by the thread that owns its connection. Allocates its buffer once; nothing per session.
 */
final class HandshakeExchange
{
    /** Greeting plus the largest handshake command a mechanism sends (NULL's READY with a 255-byte identity). */
    private static final int BUFFER_CAPACITY = 1024;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Handshake mechanism;
    private final long timeoutNs;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_CAPACITY);
    private final UnsafeBuffer outView = new UnsafeBuffer(out);
    private long deadlineNs;

    /**
     * @param mechanism      the security mechanism this side runs.
     * @param handshakeIvlMs how long a session's opening may take; 0 or less: no limit.
     */
    HandshakeExchange(final Handshake mechanism, final long handshakeIvlMs)
    {
        this.mechanism = mechanism;
        this.timeoutNs = handshakeIvlMs <= 0 ? Long.MAX_VALUE / 2 : handshakeIvlMs * NANOS_PER_MILLI;
    }

    /**
     * A new session starts: forget the last one's handshake and unsent bytes, queue our greeting, start the clock.
     *
     * @param nowNs current time.
     */
    void start(final long nowNs)
    {
        deadlineNs = nowNs + timeoutNs;
        mechanism.reset();
        out.clear();
        final int length = GreetingEncoder.encode(outView, 0, mechanism.mechanism(), mechanism.asServer());
        out.limit(length);
    }

    /**
     * The peer's greeting is complete: check its mechanism, then queue our first handshake commands.
     *
     * @param greeting the decoded greeting.
     * @throws io.monocoque.codec.ZmtpProtocolException if the peer's mechanism does not fit.
     */
    void onPeerGreeting(final GreetingDecoder greeting)
    {
        mechanism.onPeerGreeting(greeting);
        queueCommands();
    }

    /**
     * A handshake command from the peer (not ERROR): hand it to the mechanism and queue what it answers.
     *
     * @param command        the command, valid during this call only.
     * @param streamPosition where it lies in the inbound stream, for error reports.
     * @return true if it completed the handshake ({@link #peerMetadata()} is valid during this call).
     * @throws io.monocoque.codec.ZmtpProtocolException if it is unexpected or malformed.
     */
    boolean onCommand(final CommandFlyweight command, final long streamPosition)
    {
        mechanism.onCommand(command, streamPosition);
        queueCommands();
        return mechanism.isComplete();
    }

    private void queueCommands()
    {
        final int position = out.limit();
        final int written = mechanism.nextCommands(outView, position, out.capacity() - position);
        out.limit(position + written);
    }

    /**
     * The peer's metadata, on the call to {@link #onCommand} that completed the handshake.
     *
     * @return the metadata reader.
     */
    MetadataReader peerMetadata()
    {
        return mechanism.peerMetadata();
    }

    /**
     * How the mechanism carries messages once the handshake is complete.
     *
     * @return the transform.
     */
    FrameTransform transform()
    {
        return mechanism.transform();
    }

    /**
     * Write the queued greeting and handshake bytes the transport takes now.
     *
     * @param transport the session's transport.
     * @return bytes written, 0 if none were queued.
     * @throws IOException if the write fails.
     */
    int write(final Transport transport) throws IOException
    {
        return out.hasRemaining() ? transport.write(out) : 0;
    }

    /**
     * Whether queued greeting or handshake bytes are still to be written (messages must wait behind them).
     *
     * @return true while some are unsent.
     */
    boolean hasUnsent()
    {
        return out.hasRemaining();
    }

    /**
     * Whether the session's opening has outlived its deadline.
     *
     * @param nowNs the owner's time for this cycle.
     * @return true once overdue.
     */
    boolean isOverdue(final long nowNs)
    {
        return deadlineNs - nowNs <= 0;
    }

    /**
     * How long until the opening is overdue.
     *
     * @param nowNs the owner's time.
     * @return nanoseconds left (0 or less: overdue).
     */
    long nsUntilOverdue(final long nowNs)
    {
        return deadlineNs - nowNs;
    }

    /**
     * The session closed: its unsent bytes are dropped (a new session queues a new greeting).
     */
    void discardUnsent()
    {
        out.clear().limit(0);
    }

    /**
     * Free the buffer; the exchange must not be used afterwards.
     */
    void free()
    {
        BufferUtil.free(out);
    }
}
