package io.monocoque.engine.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many bytes one ROUTER peer has outstanding on the way out, so that the application thread can tell, at the
 * call and for that peer only, whether a message would fit under the peer's high-water mark ({@code
 * routerMandatory}: libzmq's {@code check_write} on the peer's pipe). Outstanding bytes are the peer's records in
 * the send ring that the agent has not taken yet, plus what is staged on its connection that the kernel has not
 * taken yet; the peer's HWM is its connection's staging limit ({@link #hwmBytes()}).
 * <p>
 * Two counters, each with one writer, so nothing is locked and nothing allocated per message:
 * <ul>
 *     <li>{@code queued}: message bytes the application has put in the send ring for this peer, ever. Written and
 *     read by the socket's application thread only (a plain field).</li>
 *     <li>{@code released}: message bytes that have left the peer's account (taken from the ring and then written
 *     to the kernel, or dropped), ever; computed by the agent as what it took from the ring less what is still
 *     staged, and published with release semantics; the application reads it with acquire.</li>
 * </ul>
 * The application's view lags (the agent publishes once per duty cycle), and lags only towards "fuller": bytes the
 * kernel took since the last publication still count as outstanding. So a message the application admits with
 * {@link #hasRoomFor(int)} is one the agent's staging buffer admits too when it comes to it, with
 * {@link #COMMAND_SLACK_BYTES} left for the commands (PONG) the agent may stage in between.
 * <p>
 * One instance per connection session of a ROUTER, created by the agent when the peer becomes active and handed
 * to the application inside the {@link RoutingDirectory}; a reconnect makes a new one.
 */
public final class PeerOutbound
{
    /** Room the application leaves in a peer's HWM for commands the agent stages between messages (PONG). */
    public static final int COMMAND_SLACK_BYTES = 256;

    private static final VarHandle RELEASED;

    static
    {
        try
        {
            RELEASED = MethodHandles.lookup().findVarHandle(PeerOutbound.class, "released", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long peerId;
    private final int hwmBytes;
    /** Agent thread only. */
    private long taken;
    @SuppressWarnings("unused") // accessed through RELEASED
    private long released;
    /** Application thread only. */
    private long queued;

    /**
     * Create the account of a peer that has just become active. Agent thread.
     *
     * @param peerId   the peer's session id (what records name).
     * @param hwmBytes the peer's HWM: its connection's staging limit in bytes.
     */
    public PeerOutbound(final long peerId, final int hwmBytes)
    {
        this.peerId = peerId;
        this.hwmBytes = hwmBytes;
    }

    /**
     * The peer's session id. Any thread.
     *
     * @return the id records for this peer carry.
     */
    public long peerId()
    {
        return peerId;
    }

    /**
     * The peer's high-water mark in bytes: how much may be staged on its connection and not yet taken by the
     * kernel. Any thread.
     *
     * @return bytes.
     */
    public int hwmBytes()
    {
        return hwmBytes;
    }

    // ------------------------------------------------------------------ agent thread

    /**
     * The agent took a record of {@code length} message bytes for this peer from the send ring (staged or dropped).
     * Agent thread only.
     *
     * @param length the record's message bytes.
     */
    public void onTaken(final int length)
    {
        taken += length;
    }

    /**
     * Publish what has left the peer's account, given what is still staged on its connection. Agent thread only.
     *
     * @param stagedBytes bytes staged on the connection that the kernel has not taken yet.
     */
    public void publish(final int stagedBytes)
    {
        RELEASED.setRelease(this, taken - stagedBytes);
    }

    // ------------------------------------------------------------------ application thread

    /**
     * Whether a message of {@code length} bytes fits under the peer's HWM now, as far as the application can tell
     * (conservatively). A peer with nothing outstanding takes any message, as an empty staging buffer takes one
     * larger than the HWM. Application thread only.
     *
     * @param length the message's encoded bytes (what its record carries after the peer id).
     * @return true if it fits.
     */
    public boolean hasRoomFor(final int length)
    {
        final long outstanding = queued - (long)RELEASED.getAcquire(this);
        return outstanding <= 0 || outstanding + length <= hwmBytes - COMMAND_SLACK_BYTES;
    }

    /**
     * The application put a record of {@code length} message bytes for this peer in the send ring. Application
     * thread only.
     *
     * @param length the record's message bytes.
     */
    public void onQueued(final int length)
    {
        queued += length;
    }

    /**
     * Bytes outstanding for this peer as the application sees them. Application thread only.
     *
     * @return queued less released.
     */
    public long outstandingBytes()
    {
        return queued - (long)RELEASED.getAcquire(this);
    }
}
