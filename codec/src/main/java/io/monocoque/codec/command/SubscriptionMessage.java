package io.monocoque.codec.command;

import io.monocoque.codec.frame.FrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * ZMTP 3.0 (RFC 23) subscriptions, sent as ordinary one-frame messages whose first body byte is {@code 0x01}
 * (subscribe) or {@code 0x00} (cancel) followed by the prefix. ZMTP 3.1 peers use the SUBSCRIBE and CANCEL
 * commands instead, which {@link CommandEncoder} writes; a 3.1 publisher still accepts this form from 3.0
 * subscribers. Stateless.
 */
public final class SubscriptionMessage
{
    /** First body byte of a subscribe message. */
    public static final byte SUBSCRIBE = 1;
    /** First body byte of a cancel message. */
    public static final byte CANCEL = 0;

    private SubscriptionMessage()
    {
    }

    /**
     * Write a 3.0-style subscription message (one frame).
     *
     * @param buffer       destination.
     * @param offset       where the frame starts.
     * @param subscribe    true to subscribe, false to cancel.
     * @param prefix       source of the prefix.
     * @param prefixOffset first prefix byte.
     * @param prefixLength prefix length.
     * @return bytes written.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final boolean subscribe,
        final DirectBuffer prefix,
        final int prefixOffset,
        final int prefixLength)
    {
        final int header = FrameEncoder.encodeHeader(buffer, offset, 1 + prefixLength, false, false);
        buffer.putByte(offset + header, subscribe ? SUBSCRIBE : CANCEL);
        buffer.putBytes(offset + header + 1, prefix, prefixOffset, prefixLength);
        return header + 1 + prefixLength;
    }

    /**
     * Whether a single-frame message body is a 3.0 subscribe or cancel.
     *
     * @param buffer holds the body.
     * @param offset first body byte.
     * @param length body length.
     * @return true for a subscribe or cancel message.
     */
    public static boolean isSubscription(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            return false;
        }
        final byte first = buffer.getByte(offset);
        return first == SUBSCRIBE || first == CANCEL;
    }

    /**
     * Whether a subscription body subscribes (rather than cancels).
     *
     * @param buffer holds the body.
     * @param offset first body byte.
     * @return true for subscribe.
     */
    public static boolean isSubscribe(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset) == SUBSCRIBE;
    }
}
