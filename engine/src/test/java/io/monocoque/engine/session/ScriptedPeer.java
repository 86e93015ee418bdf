package io.monocoque.engine.session;

import io.monocoque.codec.command.CommandEncoder;
import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataEncoder;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameDescriptor;
import io.monocoque.codec.frame.FrameEncoder;
import io.monocoque.codec.frame.FrameHandler;
import io.monocoque.codec.greeting.GreetingDescriptor;
import io.monocoque.codec.greeting.GreetingEncoder;
import io.monocoque.codec.greeting.Mechanism;
import io.monocoque.engine.net.FakeSocketChannel;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The far end of one connection under test, over a {@link FakeSocketChannel}: it feeds the channel what a ZMTP
 * peer would send (greeting, READY, messages, commands; each encoded with the codec) and decodes what the connection
 * wrote. It does not drive the connection: the test calls {@code onReadable()} and {@code flush()} as the agent
 * would. Frames are written and read as ISO-8859-1 strings, so any byte value survives.
 */
public final class ScriptedPeer
{
    private final FakeSocketChannel channel = new FakeSocketChannel();

    /**
     * One command the connection wrote.
     *
     * @param name the command name.
     * @param data the bytes after the name.
     */
    public record Command(String name, byte[] data)
    {
        /**
         * The value of a metadata property (READY's data), or null if the command has no such property.
         *
         * @param property the property name.
         * @return the value as ISO-8859-1 text.
         */
        public String property(final String property)
        {
            final MetadataReader metadata = new MetadataReader().wrap(new UnsafeBuffer(data), 0, data.length);
            return metadata.find(property) ? text(metadata.buffer(), metadata.valueOffset(), metadata.valueLength()) :
                null;
        }
    }

    /**
     * The channel the connection under test runs on.
     *
     * @return the channel.
     */
    public FakeSocketChannel channel()
    {
        return channel;
    }

    /**
     * Send a ZMTP 3.1 greeting proposing NULL.
     *
     * @return this peer.
     */
    public ScriptedPeer greeting()
    {
        return greeting(Mechanism.NULL.wireName(), GreetingDescriptor.VERSION_MINOR);
    }

    /**
     * Send a ZMTP 3.x greeting proposing any mechanism name.
     *
     * @param mechanism    the mechanism name (up to 20 ASCII characters).
     * @param versionMinor 1 for ZMTP 3.1, 0 for 3.0.
     * @return this peer.
     */
    public ScriptedPeer greeting(final String mechanism, final int versionMinor)
    {
        return send(greetingBytes(mechanism, versionMinor));
    }

    /**
     * A ZMTP 3.1 greeting proposing NULL, as a peer sends it.
     *
     * @return the 64 bytes.
     */
    public static byte[] nullGreeting()
    {
        return greetingBytes(Mechanism.NULL.wireName(), GreetingDescriptor.VERSION_MINOR);
    }

    /**
     * A ZMTP 3.x greeting proposing any mechanism name.
     *
     * @param mechanism    the mechanism name (up to 20 ASCII characters).
     * @param versionMinor 1 for ZMTP 3.1, 0 for 3.0.
     * @return the 64 bytes.
     */
    public static byte[] greetingBytes(final String mechanism, final int versionMinor)
    {
        final UnsafeBuffer greeting = new UnsafeBuffer(new byte[GreetingDescriptor.GREETING_LENGTH]);
        GreetingEncoder.encode(greeting, 0, Mechanism.NULL, false);
        greeting.setMemory(GreetingDescriptor.MECHANISM_OFFSET, GreetingDescriptor.MECHANISM_LENGTH, (byte)0);
        greeting.putStringWithoutLengthAscii(GreetingDescriptor.MECHANISM_OFFSET, mechanism);
        greeting.putByte(GreetingDescriptor.VERSION_MINOR_OFFSET, (byte)versionMinor);
        return greeting.byteArray();
    }

    /**
     * Send READY with a Socket-Type and no Identity.
     *
     * @param socketType the wire name, e.g. "DEALER".
     * @return this peer.
     */
    public ScriptedPeer ready(final String socketType)
    {
        return ready(socketType, new byte[0]);
    }

    /**
     * Send READY with a Socket-Type and an Identity (none if empty).
     *
     * @param socketType the wire name.
     * @param identity   the identity bytes.
     * @return this peer.
     */
    public ScriptedPeer ready(final String socketType, final byte[] identity)
    {
        final UnsafeBuffer ready = new UnsafeBuffer(new byte[MetadataEncoder.readyLength(socketType, identity.length)]);
        MetadataEncoder.encodeReady(ready, 0, socketType, new UnsafeBuffer(identity), 0, identity.length);
        return send(ready.byteArray());
    }

    /**
     * Send a command with raw data (any name, known to the codec or not).
     *
     * @param name the command name.
     * @param data the data after the name.
     * @return this peer.
     */
    public ScriptedPeer command(final String name, final byte[] data)
    {
        final int bodyLength = 1 + name.length() + data.length;
        final UnsafeBuffer command = new UnsafeBuffer(new byte[FrameDescriptor.frameLength(bodyLength)]);
        int position = FrameEncoder.encodeHeader(command, 0, bodyLength, false, true);
        command.putByte(position++, (byte)name.length());
        position += command.putStringWithoutLengthAscii(position, name);
        command.putBytes(position, data);
        return send(command.byteArray());
    }

    /**
     * Send PING with a TTL of 0 and a context.
     *
     * @param context the context the PONG must echo.
     * @return this peer.
     */
    public ScriptedPeer ping(final String context)
    {
        final byte[] bytes = context.getBytes(StandardCharsets.ISO_8859_1);
        final UnsafeBuffer ping = new UnsafeBuffer(
            new byte[CommandEncoder.commandLength(CommandType.PING, CommandFlyweight.PING_TTL_LENGTH + bytes.length)]);
        CommandEncoder.encodePing(ping, 0, 0, new UnsafeBuffer(bytes), 0, bytes.length);
        return send(ping.byteArray());
    }

    /**
     * Send ERROR with a reason.
     *
     * @param reason the reason.
     * @return this peer.
     */
    public ScriptedPeer error(final String reason)
    {
        final UnsafeBuffer error = new UnsafeBuffer(
            new byte[CommandEncoder.commandLength(CommandType.ERROR, 1 + reason.length())]);
        CommandEncoder.encodeError(error, 0, reason);
        return send(error.byteArray());
    }

    /**
     * Send one multipart message.
     *
     * @param frames the frames' bodies, first to last.
     * @return this peer.
     */
    public ScriptedPeer message(final String... frames)
    {
        return send(encode(frames));
    }

    /**
     * Send raw bytes.
     *
     * @param bytes the bytes.
     * @return this peer.
     */
    public ScriptedPeer send(final byte[] bytes)
    {
        channel.feed(bytes);
        return this;
    }

    /**
     * Send a NULL greeting and READY, and let the connection read them (one {@code onReadable}), as a peer that
     * answers at once. The connection is then ACTIVE, unless it refused the peer: callers that care check.
     *
     * @param connection the connection under test, started on {@link #channel()}.
     * @param socketType the peer's socket type.
     * @param identity   the peer's identity (empty for none).
     * @return this peer.
     */
    public ScriptedPeer handshake(final Connection connection, final String socketType, final byte[] identity)
    {
        greeting().ready(socketType, identity);
        connection.onReadable();
        return this;
    }

    /**
     * Whether the connection wrote a whole ZMTP 3.1 greeting proposing NULL.
     *
     * @return true once it has.
     */
    public boolean receivedNullGreeting()
    {
        final byte[] written = channel.written();
        if (written.length < GreetingDescriptor.GREETING_LENGTH)
        {
            return false;
        }
        final UnsafeBuffer greeting = new UnsafeBuffer(written, 0, GreetingDescriptor.GREETING_LENGTH);
        return greeting.getByte(GreetingDescriptor.SIGNATURE_START_OFFSET) == GreetingDescriptor.SIGNATURE_START &&
            greeting.getByte(GreetingDescriptor.VERSION_MAJOR_OFFSET) == GreetingDescriptor.VERSION_MAJOR &&
            Mechanism.NULL.wireName().equals(
                greeting.getStringWithoutLengthAscii(GreetingDescriptor.MECHANISM_OFFSET, 4));
    }

    /**
     * The whole messages the connection wrote after its greeting, in order (a message the kernel took only part of
     * is not among them).
     *
     * @return each message as its frames' bodies.
     */
    public List<List<String>> receivedMessages()
    {
        final List<List<String>> messages = new ArrayList<>();
        decodeWritten(new Collector(messages, new ArrayList<>()));
        return messages;
    }

    /**
     * The whole commands the connection wrote after its greeting, in order.
     *
     * @return the commands.
     */
    public List<Command> receivedCommands()
    {
        final List<Command> commands = new ArrayList<>();
        decodeWritten(new Collector(new ArrayList<>(), commands));
        return commands;
    }

    /**
     * The names of the commands the connection wrote, in order.
     *
     * @return the names.
     */
    public List<String> receivedCommandNames()
    {
        final List<String> names = new ArrayList<>();
        for (final Command command : receivedCommands())
        {
            names.add(command.name());
        }
        return names;
    }

    /**
     * The subscriptions the connection wrote, in order, in either form a publisher takes: SUBSCRIBE/CANCEL commands
     * (ZMTP 3.1) and one-frame messages starting with {@code 0x01}/{@code 0x00} (ZMTP 3.0, which libzmq 3.1 peers
     * also accept).
     *
     * @return each as "+prefix" for a subscribe or "-prefix" for a cancel.
     */
    public List<String> receivedSubscriptions()
    {
        final List<String> subscriptions = new ArrayList<>();
        final CommandFlyweight command = new CommandFlyweight();
        decodeWritten(new FrameHandler()
        {
            @Override
            public boolean onMessage(
                final DirectBuffer buffer, final int offset, final int length, final int frameCount)
            {
                final int bodyOffset = FrameDescriptor.bodyOffset(buffer, offset);
                final int bodyLength = (int)FrameDescriptor.bodyLength(buffer, offset);
                final byte kind = bodyLength == 0 ? -1 : buffer.getByte(bodyOffset);
                if (frameCount == 1 && (kind == 0 || kind == 1))
                {
                    subscriptions.add((kind == 1 ? "+" : "-") + text(buffer, bodyOffset + 1, bodyLength - 1));
                }
                return true;
            }

            @Override
            public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
            {
                command.wrap(buffer, offset, length);
                final String name = command.name();
                if (CommandType.SUBSCRIBE.wireName().equals(name) || CommandType.CANCEL.wireName().equals(name))
                {
                    subscriptions.add((CommandType.SUBSCRIBE.wireName().equals(name) ? "+" : "-") +
                        text(buffer, command.dataOffset(), command.dataLength()));
                }
                return true;
            }
        });
        return subscriptions;
    }

    private void decodeWritten(final FrameHandler handler)
    {
        final byte[] written = channel.written();
        if (written.length > GreetingDescriptor.GREETING_LENGTH)
        {
            new FrameDecoder(FrameDecoder.UNLIMITED).decode(new UnsafeBuffer(written),
                GreetingDescriptor.GREETING_LENGTH, written.length - GreetingDescriptor.GREETING_LENGTH, handler);
        }
    }

    /**
     * A multipart message in ZMTP encoding, as it lies in a ring record or a staging buffer.
     *
     * @param frames the frames' bodies, first to last.
     * @return the encoded bytes.
     */
    public static byte[] encode(final String... frames)
    {
        int length = 0;
        for (final String frame : frames)
        {
            length += FrameDescriptor.frameLength(frame.length());
        }
        final UnsafeBuffer encoded = new UnsafeBuffer(new byte[length]);
        int position = 0;
        for (int i = 0; i < frames.length; i++)
        {
            final byte[] body = frames[i].getBytes(StandardCharsets.ISO_8859_1);
            position += FrameEncoder.encodeFrame(encoded, position, i < frames.length - 1, body, 0, body.length);
        }
        return encoded.byteArray();
    }

    /**
     * Split encoded bytes into messages, each as its frames' bodies.
     *
     * @param buffer holds the frames.
     * @param offset the first frame header.
     * @param length encoded length.
     * @return the messages.
     */
    public static List<List<String>> decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final List<List<String>> messages = new ArrayList<>();
        final int consumed = new FrameDecoder(FrameDecoder.UNLIMITED)
            .decode(buffer, offset, length, new Collector(messages, new ArrayList<>()));
        if (consumed != length)
        {
            throw new AssertionError("not whole messages: " + consumed + " of " + length + " bytes decoded");
        }
        return messages;
    }

    private static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static final class Collector implements FrameHandler
    {
        private final List<List<String>> messages;
        private final List<Command> commands;
        private final CommandFlyweight command = new CommandFlyweight();

        Collector(final List<List<String>> messages, final List<Command> commands)
        {
            this.messages = messages;
            this.commands = commands;
        }

        @Override
        public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
        {
            final List<String> frames = new ArrayList<>(frameCount);
            int position = offset;
            while (position < offset + length)
            {
                final int bodyOffset = FrameDescriptor.bodyOffset(buffer, position);
                final int bodyLength = (int)FrameDescriptor.bodyLength(buffer, position);
                frames.add(text(buffer, bodyOffset, bodyLength));
                position = bodyOffset + bodyLength;
            }
            messages.add(frames);
            return true;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            command.wrap(buffer, offset, length);
            final byte[] data = new byte[command.dataLength()];
            buffer.getBytes(command.dataOffset(), data);
            commands.add(new Command(command.name(), data));
            return true;
        }
    }
}
