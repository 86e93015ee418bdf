package io.monocoque.codec.frame;

import org.agrona.DirectBuffer;

/**
 * Receives what a {@link FrameDecoder} finds: whole messages and whole commands, as views into the decoder's input.
 * The views are valid only during the call. Called on the thread that calls {@link FrameDecoder#decode}.
 */
public interface FrameHandler
{
    /**
     * A complete message: every frame, headers included, in ZMTP encoding. Walk it with a {@link FrameCursor}.
     *
     * @param buffer     holds the message.
     * @param offset     first byte of the first frame header.
     * @param length     length of all frames together, headers included.
     * @param frameCount number of frames, at least one.
     * @return true to consume the message and go on; false to leave it (and everything after it) unconsumed, for
     * back-pressure; the decoder then returns and the same message is offered again on the next call.
     */
    boolean onMessage(DirectBuffer buffer, int offset, int length, int frameCount);

    /**
     * A complete command frame. Parse it with a {@link io.monocoque.codec.command.CommandFlyweight}.
     *
     * @param buffer holds the command.
     * @param offset first byte of the command body (its name-length byte), after the frame header.
     * @param length length of the command body.
     * @return true to consume the command and go on; false to stop with it unconsumed.
     */
    boolean onCommand(DirectBuffer buffer, int offset, int length);

    /**
     * How many encoded bytes of consecutive whole messages the handler takes at once through
     * {@link #onMessageRun}, instead of one {@link #onMessage} call each; 0 (the default) for one call per message.
     * Asked when a decode pass starts and again after each run or single item the handler accepted, so the answer
     * may change as the handler fills (a receive ring's free space).
     *
     * @return the largest run in bytes, or 0 for none.
     */
    default int messageRunLimit()
    {
        return 0;
    }

    /**
     * Consecutive whole messages, frame headers included, none of them a command, in at most
     * {@link #messageRunLimit()} bytes: the handler takes them all or none. Only called on a handler whose limit is
     * positive.
     *
     * @param buffer holds the messages.
     * @param offset first frame header of the first message.
     * @param length encoded length of the run.
     * @return true to consume the run and go on; false to leave it (and everything after it) unconsumed.
     */
    default boolean onMessageRun(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("this handler takes messages one by one (messageRunLimit() is 0)");
    }
}
