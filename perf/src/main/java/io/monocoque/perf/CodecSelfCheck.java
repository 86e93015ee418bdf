package io.monocoque.perf;

import io.monocoque.codec.command.CommandFlyweight;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataEncoder;
import io.monocoque.codec.command.MetadataReader;
import io.monocoque.codec.frame.FrameCursor;
import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameEncoder;
import io.monocoque.codec.frame.FrameHandler;
import io.monocoque.codec.greeting.GreetingDecoder;
import io.monocoque.codec.greeting.GreetingDescriptor;
import io.monocoque.codec.greeting.GreetingEncoder;
import io.monocoque.codec.greeting.Mechanism;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Smoke test of the codec as packaged in the executable jar: encodes a ZMTP 3.1 stream (greeting, READY, a three-frame
 * message), decodes it with {@link GreetingDecoder} and {@link FrameDecoder} (the frames fed in two pieces split
 * inside the message, as a socket might deliver them) and checks that what comes out is what went in.
 */
public final class CodecSelfCheck
{
    private static final String SOCKET_TYPE = "DEALER";
    private static final String IDENTITY = "peer-1";
    private static final String[] FRAMES = {"routing-id", "", "hello, monocoque"};

    private CodecSelfCheck()
    {
    }

    /**
     * Run the self-check.
     *
     * @param out receives what was decoded and the verdict.
     * @param err receives the failure, if any.
     * @return the process exit code: 0 if the check passed, 1 if it failed.
     */
    public static int run(final PrintStream out, final PrintStream err)
    {
        try
        {
            check(out);
            out.println("codec self-check: OK");
            return 0;
        }
        catch (final Throwable t)
        {
            err.println("codec self-check: FAILED: " + t);
            t.printStackTrace(err);
            return 1;
        }
    }

    private static void check(final PrintStream out)
    {
        final UnsafeBuffer stream = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 64));

        // Encode: greeting, READY, message.
        int length = GreetingEncoder.encode(stream, 0, Mechanism.NULL, false);
        final UnsafeBuffer identity = new UnsafeBuffer(IDENTITY.getBytes(StandardCharsets.US_ASCII));
        final int readyLength = MetadataEncoder.encodeReady(stream, length, SOCKET_TYPE, identity, 0,
            identity.capacity());
        expect(readyLength == MetadataEncoder.readyLength(SOCKET_TYPE, identity.capacity()), "READY length");
        length += readyLength;
        for (int i = 0; i < FRAMES.length; i++)
        {
            final byte[] body = FRAMES[i].getBytes(StandardCharsets.US_ASCII);
            length += FrameEncoder.encodeFrame(stream, length, i < FRAMES.length - 1, body, 0, body.length);
        }
        out.println("encoded " + length + " bytes: greeting 64, READY " + readyLength + ", message " +
            (length - GreetingDescriptor.GREETING_LENGTH - readyLength));

        // Decode the greeting.
        final GreetingDecoder greetingDecoder = new GreetingDecoder();
        final int greetingLength = greetingDecoder.decode(stream, 0, length);
        expect(greetingLength == GreetingDescriptor.GREETING_LENGTH && greetingDecoder.isComplete(),
            "greeting consumed " + greetingLength + " bytes");
        expect(greetingDecoder.versionMajor() == 3 && greetingDecoder.versionMinor() == 1, "version");
        expect(greetingDecoder.mechanism() == Mechanism.NULL, "mechanism " + greetingDecoder.mechanism());
        expect(!greetingDecoder.asServer(), "as-server");
        out.println("greeting: ZMTP " + greetingDecoder.versionMajor() + "." + greetingDecoder.versionMinor() +
            ", mechanism " + greetingDecoder.mechanismName() + ", as-server " + greetingDecoder.asServer());

        // Decode the frames in two pieces: everything but the last 3 bytes, then the rest.
        final Collector collector = new Collector(out);
        final FrameDecoder decoder = new FrameDecoder(FrameDecoder.UNLIMITED);
        decoder.reset(GreetingDescriptor.GREETING_LENGTH);
        final int framesStart = greetingLength;
        final int split = length - 3;
        final int first = decoder.decode(stream, framesStart, split - framesStart, collector);
        expect(first == readyLength, "first piece consumed " + first + " bytes, expected the READY only");
        expect(collector.commands == 1 && collector.frames.isEmpty(), "first piece decoded only the READY");
        final int rest = framesStart + first;
        final int second = decoder.decode(stream, rest, length - rest, collector);
        expect(rest + second == length, "second piece left " + (length - rest - second) + " bytes");
        expect(decoder.streamPosition() == length, "stream position " + decoder.streamPosition());

        expect(collector.socketType.equals(SOCKET_TYPE), "Socket-Type " + collector.socketType);
        expect(collector.identity.equals(IDENTITY), "Identity " + collector.identity);
        expect(collector.messages == 1, collector.messages + " messages");
        expect(collector.frames.equals(List.of(FRAMES)), "frames " + collector.frames);
    }

    private static void expect(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("unexpected: " + what);
        }
    }

    private static final class Collector implements FrameHandler
    {
        private final PrintStream out;
        private final CommandFlyweight command = new CommandFlyweight();
        private final MetadataReader metadata = new MetadataReader();
        private final FrameCursor cursor = new FrameCursor();
        private final List<String> frames = new ArrayList<>();
        private int commands;
        private int messages;
        private String socketType = "";
        private String identity = "";

        Collector(final PrintStream out)
        {
            this.out = out;
        }

        @Override
        public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
        {
            messages++;
            out.println("message: " + frameCount + " frames, " + length + " bytes");
            cursor.wrap(buffer, offset, length);
            while (cursor.next())
            {
                final String body = buffer.getStringWithoutLengthAscii(cursor.bodyOffset(), cursor.bodyLength());
                frames.add(body);
                out.println("  frame " + cursor.index() + ": " + cursor.bodyLength() + " bytes \"" + body + "\"" +
                    (cursor.hasMore() ? " MORE" : ""));
            }
            expect(frames.size() == frameCount, "cursor found " + frames.size() + " frames");
            return true;
        }

        @Override
        public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            commands++;
            command.wrap(buffer, offset, length);
            expect(command.type() == CommandType.READY, "command " + command.name());
            metadata.wrap(command.buffer(), command.dataOffset(), command.dataLength());
            final StringBuilder properties = new StringBuilder();
            while (metadata.next())
            {
                properties.append(' ').append(metadata.name()).append('=').append(metadata.valueAsString());
            }
            expect(metadata.find(MetadataEncoder.SOCKET_TYPE), "READY has no Socket-Type");
            socketType = metadata.valueAsString();
            expect(metadata.find(MetadataEncoder.IDENTITY), "READY has no Identity");
            identity = metadata.valueAsString();
            out.println("command: " + command.name() + "," + properties);
            return true;
        }
    }
}
