package io.monocoque.cli.peer;

import io.monocoque.api.Message;
import io.monocoque.api.MessageHandler;
import io.monocoque.api.MessageView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes each message as one line of {@link FrameText}: frames separated by a TAB, as raw bytes or lower-case hex.
 * Builds the line in a reusable buffer and writes it whole; the caller flushes.
 */
public final class MessagePrinter implements MessageHandler
{
    private final OutputStream out;
    private final boolean hex;
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
            FrameText.appendFrame(line, index++, message.buffer(), message.offset(), message.length(), hex);
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
            FrameText.appendFrame(line, i, message.buffer(), message.frameOffset(i), message.frameLength(i), hex);
        }
        emit();
    }

    private void emit()
    {
        line.write(FrameText.NEWLINE);
        try
        {
            line.writeTo(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        printed++;
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
