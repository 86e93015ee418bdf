package io.monocoque.codec.frame;

import io.monocoque.codec.StreamHarness.Item;
import io.monocoque.codec.command.CommandEncoder;
import io.monocoque.codec.command.CommandType;
import io.monocoque.codec.command.MetadataEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a ZMTP frame stream with {@link FrameEncoder} and the command encoders, and alongside it the items a
 * decoder must find, derived from the source bodies rather than by decoding.
 */
public final class StreamBuilder
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final List<Item> expected = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private int position;

    public StreamBuilder message(final byte[]... frames)
    {
        final int start = position;
        for (int i = 0; i < frames.length; i++)
        {
            buffer.checkLimit(position + FrameDescriptor.frameLength(frames[i].length));
            position += FrameEncoder.encodeFrame(buffer, position, i < frames.length - 1, frames[i], 0,
                frames[i].length);
        }
        expected.add(Item.message(slice(start), Arrays.asList(frames)));
        lengths.add(position - start);
        return this;
    }

    public StreamBuilder command(final CommandType type, final byte[] data)
    {
        final int start = position;
        buffer.checkLimit(position + CommandEncoder.commandLength(type, data.length));
        position += CommandEncoder.encode(buffer, position, type, new UnsafeBuffer(data), 0, data.length);
        addCommand(start);
        return this;
    }

    public StreamBuilder ping(final int ttl, final byte[] context)
    {
        final int start = position;
        buffer.checkLimit(position + 64);
        position += CommandEncoder.encodePing(buffer, position, ttl, new UnsafeBuffer(context), 0, context.length);
        addCommand(start);
        return this;
    }

    public StreamBuilder error(final String reason)
    {
        final int start = position;
        buffer.checkLimit(position + 300);
        position += CommandEncoder.encodeError(buffer, position, reason);
        addCommand(start);
        return this;
    }

    public StreamBuilder ready(final String socketType, final byte[] identity)
    {
        final int start = position;
        buffer.checkLimit(position + MetadataEncoder.readyLength(socketType, identity.length));
        position += MetadataEncoder.encodeReady(buffer, position, socketType, new UnsafeBuffer(identity), 0,
            identity.length);
        addCommand(start);
        return this;
    }

    private void addCommand(final int start)
    {
        final int header = (buffer.getByte(start) & FrameDescriptor.FLAG_LONG) != 0 ?
            FrameDescriptor.LONG_HEADER_LENGTH : FrameDescriptor.SHORT_HEADER_LENGTH;
        final byte[] frame = slice(start);
        expected.add(Item.command(Arrays.copyOfRange(frame, header, frame.length)));
        lengths.add(position - start);
    }

    private byte[] slice(final int start)
    {
        final byte[] bytes = new byte[position - start];
        buffer.getBytes(start, bytes);
        return bytes;
    }

    public byte[] bytes()
    {
        return slice(0);
    }

    public List<Item> expected()
    {
        return List.copyOf(expected);
    }

    public int[] itemLengths()
    {
        return lengths.stream().mapToInt(Integer::intValue).toArray();
    }
}
