package io.monocoque.cli.peer;

import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;
import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes each message as one line of {@link FrameText}: frames separated by a TAB, as raw bytes or lower-case hex.
 * Builds the line in a reusable buffer and writes it whole (a line longer than 64 KiB in parts, so that a message of
 * any size prints in bounded memory); the caller flushes.
 */
public final class MessagePrinter implements MessageHandler
{
    private final OutputStream out;
    private final boolean hex;
    /** Most frame bytes appended before the line so far goes to the stream: a 1 GiB frame is never one array. */
    private static final int SLICE_BYTES = 64 * 1024;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private long printed;

    /**
     * Create a printer.
     *
     * @param out where lines go.
     * @param hex whether to write frames as hex.
     */
    public MessagePrinter(final OutputStream out, final boolean hex)
    {
        this.out = out;
        this.hex = hex;
    }

    @Override
    public void onMessage(final MessageView message)
    {
        line.reset();
        int index = 0;
        while (message.next())
        {
            append(index++, message.buffer(), message.offset(), message.length());
        }
        emit();
    }

    /**
     * Print a received {@link Message}.
     *
     * @param message the message.
     */
    public void print(final Message message)
    {
        line.reset();
        for (int i = 0; i < message.frameCount(); i++)
        {
            append(i, message.buffer(), message.frameOffset(i), message.frameLength(i));
        }
        emit();
    }

    /** Append a frame a slice at a time, spilling a long line to the stream so memory stays bounded. */
    private void append(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        int done = 0;
        do
        {
            final int slice = Math.min(SLICE_BYTES, length - done);
            FrameText.appendFrame(line, done == 0 ? index : 0, buffer, offset + done, slice, hex);
            done += slice;
            if (line.size() >= SLICE_BYTES)
            {
                spill();
            }
        }
        while (done < length);
    }

    private void emit()
    {
        line.write(FrameText.NEWLINE);
        spill();
        printed++;
    }

    private void spill()
    {
        try
        {
            line.writeTo(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        line.reset();
    }

    /**
     * Messages printed so far.
     *
     * @return the count.
     */
    public long printed()
    {
        return printed;
    }
}
