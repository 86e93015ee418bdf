package io.monocoque.api;

/**
 * Result codes of the non-blocking {@code offer} calls, Aeron style: a positive value is success (the number of
 * bytes the message took in the send ring), a negative value is one of the constants below. Expected outcomes are
 * codes, not exceptions; bad input and misuse throw.
 */
public final class SendResult
{
    /** The socket has no endpoint at all (neither bound nor connected), so nothing could ever send it. */
    public static final long NOT_CONNECTED = -1;
    /** The send ring is full (the high-water mark in bytes is reached): try again later. */
    public static final long BACK_PRESSURED = -2;
    /** The socket is closed. */
    public static final long CLOSED = -4;
    /** ROUTER with {@code routerMandatory}: no connected peer has this routing id (libzmq's EHOSTUNREACH). */
    public static final long HOST_UNREACHABLE = -5;
    /**
     * The message is larger than the send ring could ever hold at once (its high-water mark), so an all-or-nothing
     * {@code offer} can never queue it: use the blocking {@code send}, which streams it in fragments as room
     * appears.
     */
    public static final long MESSAGE_EXCEEDS_HWM = -6;

    private SendResult()
    {
    }

    /**
     * Name of a result code, for messages and logs.
     *
     * @param result a value returned by an offer call.
     * @return "OK" for a positive value, the constant's name otherwise.
     */
    public static String toString(final long result)
    {
        if (result > 0)
        {
            return "OK";
        }
        if (result == NOT_CONNECTED)
        {
            return "NOT_CONNECTED";
        }
        if (result == BACK_PRESSURED)
        {
            return "BACK_PRESSURED";
        }
        if (result == CLOSED)
        {
            return "CLOSED";
        }
        if (result == HOST_UNREACHABLE)
        {
            return "HOST_UNREACHABLE";
        }
        if (result == MESSAGE_EXCEEDS_HWM)
        {
            return "MESSAGE_EXCEEDS_HWM";
        }
        return "UNKNOWN(" + result + ")";
    }
}
