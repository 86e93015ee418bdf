package io.monocoque.api;

import io.monocoque.engine.shared.HandOffSlots;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers of the tests of messages lent to the reader: slot states and payloads whose bytes say where they belong. */
final class LentMessages
{
    private LentMessages()
    {
    }

    /** How many of the socket's hand-off slots are lent now. */
    static int lentSlots(final HandOffSlots slots)
    {
        int lent = 0;
        for (int i = 0; i < slots.count(); i++)
        {
            lent += slots.state(i) == HandOffSlots.LENT ? 1 : 0;
        }
        return lent;
    }

    /** A body whose every byte depends on its position and the message's mark, so a misplaced byte shows. */
    static byte[] payload(final int size, final int mark)
    {
        final byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i * 31 + mark);
        }
        return bytes;
    }

    /** The frame is {@link #payload}{@code (size, mark)}. */
    static void assertFrame(final byte[] frame, final int size, final int mark)
    {
        assertEquals(size, frame.length, "frame length");
        for (int i = 0; i < size; i++)
        {
            if (frame[i] != (byte)(i * 31 + mark))
            {
                throw new AssertionError("byte " + i + " of the message marked " + mark + " is " + frame[i]);
            }
        }
    }
}
