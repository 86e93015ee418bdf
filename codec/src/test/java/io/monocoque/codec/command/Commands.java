package io.monocoque.codec.command;

import io.monocoque.codec.frame.FrameDecoder;
import io.monocoque.codec.frame.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Decodes one command frame the way a connection does: FrameDecoder, then CommandFlyweight on the body. */
final class Commands
{
    private Commands()
    {
    }

    static CommandFlyweight decodeCommand(final byte[] frame)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        final CommandFlyweight command = new CommandFlyweight();
        final int[] seen = {0};
        final int consumed = new FrameDecoder(FrameDecoder.UNLIMITED).decode(buffer, 0, frame.length,
            new FrameHandler()
            {
                @Override
                public boolean onMessage(final DirectBuffer b, final int offset, final int length, final int count)
                {
                    return fail("expected a command, got a message");
                }

                @Override
                public boolean onCommand(final DirectBuffer b, final int offset, final int length)
                {
                    seen[0]++;
                    command.wrap(b, offset, length);
                    return true;
                }
            });
        assertEquals(frame.length, consumed, "whole frame consumed");
        assertEquals(1, seen[0], "exactly one command");
        return command;
    }

    /** Wrap a bare command body (no frame header) in an exactly sized buffer, so any over-read fails. */
    static CommandFlyweight wrapBody(final byte[] body)
    {
        return new CommandFlyweight().wrap(new UnsafeBuffer(body), 0, body.length);
    }
}
