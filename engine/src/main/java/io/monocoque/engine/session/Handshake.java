package io.monocoque.engine.session;

import io.monocoque.codec.ZmtpProtocolException;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.Mechanism;
import org.agrona.MutableDirectBuffer;

/**
 * One security mechanism's side of a ZMTP handshake (RFC 23 section "Security mechanisms"), as libzmq's
 * {@code mechanism_t}: after the greetings, the {@link Connection} asks it for the commands to send
 * ({@link #nextCommands}), hands it each command the peer sends ({@link #onCommand}) until it
 * {@link #isComplete() completes}, then reads the peer's metadata (Socket-Type, Identity) from it and carries
 * messages through its {@link #transform()}. NULL ({@link NullHandshake}) is the only mechanism today; PLAIN and
 * CURVE are further implementations of this interface, and CURVE's per-message box is its transform.
 * <p>
 * An ERROR command from the peer is handled by the connection for every mechanism (the handshake is refused).
 * A new session on the same connection (a reconnect) calls {@link #reset()} first.
 * <p>
 * Owned by the thread that owns its connection.
 */
public interface Handshake
{
    /**
     * The mechanism this side proposes in its greeting.
     *
     * @return the mechanism.
     */
    Mechanism mechanism();

    /**
     * The greeting's as-server flag.
     *
     * @return true if this side is the mechanism's server.
     */
    boolean asServer();

    /**
     * Forget the previous session: the next greeting starts a new handshake.
     */
    void reset();

    /**
     * The peer's greeting is complete: check that it proposes a mechanism this side runs.
     *
     * @param greeting the decoded greeting.
     * @throws ZmtpProtocolException if the peer's mechanism (or its as-server flag) does not fit.
     */
    void onPeerGreeting(GreetingDecoder greeting);

    /**
     * Write the handshake commands this side must send now, if any.
     *
     * @param buffer   where to write them.
     * @param offset   first free byte.
     * @param capacity free bytes from {@code offset}.
     * @return bytes written, 0 if there is nothing to send now.
     * @throws IllegalStateException if a command does not fit the capacity (the connection's handshake buffer is
     *                               sized for every mechanism's commands).
     */
    int nextCommands(MutableDirectBuffer buffer, int offset, int capacity);

    /**
     * A command from the peer while the handshake is incomplete (never ERROR: the connection handles that).
     *
     * @param command        the command, valid during this call only.
     * @param streamPosition where it lies in the inbound stream, for error reports.
     * @throws ZmtpProtocolException if it is unexpected here or malformed.
     */
    void onCommand(CommandFlyweight command, long streamPosition);

    /**
     * Whether the handshake has completed: the peer's metadata is known and messages may flow.
     *
     * @return true once complete.
     */
    boolean isComplete();

    /**
     * The peer's metadata properties, on the call to {@link #onCommand} that completed the handshake (the reader
     * points into the inbound buffer, which moves afterwards).
     *
     * @return the metadata reader.
     */
    MetadataReader peerMetadata();

    /**
     * How this mechanism carries messages once the handshake is complete.
     *
     * @return the transform ({@link FrameTransform#IDENTITY} for NULL).
     */
    FrameTransform transform();
}
