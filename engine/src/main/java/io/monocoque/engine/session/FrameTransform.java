package io.monocoque.engine.session;

import io.monocoque.engine.net.Transport;

import java.io.IOException;

/**
 * The last step of a connection's outbound path: staging (whole plaintext messages and commands, see
 * {@link StagingBuffer}) → this transform → the transport. The NULL mechanism writes staged bytes as they are
 * ({@link #IDENTITY}); a mechanism that encrypts (CURVE's per-message box with its per-session nonce) transforms
 * here, so staging keeps plaintext and a message replayed after a reconnect is boxed again under the new session's
 * keys rather than sent as the old session's ciphertext.
 * <p>
 * Called by the thread that owns the connection.
 */
@FunctionalInterface
public interface FrameTransform
{
    /** The NULL mechanism's transform: staged bytes go to the kernel untouched, straight from off-heap memory. */
    FrameTransform IDENTITY = StagingBuffer::writeTo;

    /**
     * Move staged bytes towards the kernel: one write of as much as it takes.
     *
     * @param staging   the connection's staged messages.
     * @param transport the connection's transport.
     * @return bytes written to the transport, 0 if the kernel took none.
     * @throws IOException if the connection is broken.
     */
    int write(StagingBuffer staging, Transport transport) throws IOException;
}
