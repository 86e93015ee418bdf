package io.monocoque.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Raw ZMTP bytes for hand-made peers (a {@code java.net.Socket} that speaks just enough ZMTP to connect, then
 * misbehaves: never reads, floods, sends garbage). Test threads only.
 */
public final class RawZmtp
{
    private RawZmtp()
    {
    }

    /**
     * A plain TCP connection to a {@code tcp://host:port} endpoint, for a hand-made peer.
     *
     * @param endpoint           where.
     * @param receiveBufferBytes its receive buffer (set before connecting, so the window follows), or 0 for the
     *                           default.
     * @return the connected socket.
     * @throws IOException if the connect fails.
     */
    public static java.net.Socket connect(final String endpoint, final int receiveBufferBytes) throws IOException
    {
        final URI uri = URI.create(endpoint);
        final java.net.Socket raw = new java.net.Socket();
        if (receiveBufferBytes > 0)
        {
            raw.setReceiveBufferSize(receiveBufferBytes);
        }
        raw.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        return raw;
    }

    /** A ZMTP 3.1 greeting proposing the NULL mechanism, as-server 0. */
    public static byte[] zmtp31Greeting()
    {
        final byte[] greeting = new byte[64];
        greeting[0] = (byte)0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        final byte[] mechanism = TestMessages.bytes("NULL");
        System.arraycopy(mechanism, 0, greeting, 12, mechanism.length);
        return greeting;
    }

    /** A ZMTP 2.0 (RFC 15) greeting of a DEALER with an empty identity: signature, revision 1, type, identity. */
    public static byte[] zmtp20Greeting()
    {
        return new byte[]{(byte)0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 0x01, 0x05, 0x00, 0x00};
    }

    /** A READY command (short command frame) with a Socket-Type property. */
    public static byte[] readyCommand(final String socketType)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes(TestMessages.bytes("READY"));
        final byte[] name = TestMessages.bytes("Socket-Type");
        body.write(name.length);
        body.writeBytes(name);
        final byte[] value = TestMessages.bytes(socketType);
        body.write(0);
        body.write(0);
        body.write(0);
        body.write(value.length);
        body.writeBytes(value);
        final byte[] payload = body.toByteArray();
        final byte[] frame = new byte[2 + payload.length];
        frame[0] = 0x04; // command, short
        frame[1] = (byte)payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }
}
