package io.monocoque.engine.shared;

/**
 * One socket's flag on a {@link ReadinessBoard}: raised by whoever may have changed what the socket could do
 * ({@link #mark()}, any thread, a release store, after the change), lowered by the poller that watches it
 * ({@link #take()}). Immutable; the flag itself lives in the board's page.
 */
public final class ReadinessSlot
{
    private final ReadinessBoard board;
    private final int[] page;
    private final int index;
    private final int id;

    ReadinessSlot(final ReadinessBoard board, final int[] page, final int index, final int id)
    {
        this.board = board;
        this.page = page;
        this.index = index;
        this.id = id;
    }

    /**
     * The socket may be ready for something new: raise the flag. Any thread, after the change it reports.
     */
    public void mark()
    {
        ReadinessBoard.FLAG.setRelease(page, index, ReadinessBoard.RAISED);
    }

    /**
     * Lower the flag if it is raised. The watching poller's thread, before it looks at the socket.
     *
     * @return true if it was raised: the socket must be looked at (everything written before the raise is visible).
     */
    public boolean take()
    {
        return (int)ReadinessBoard.FLAG.getOpaque(page, index) != ReadinessBoard.LOWERED &&
            (int)ReadinessBoard.FLAG.getAndSet(page, index, ReadinessBoard.LOWERED) != ReadinessBoard.LOWERED;
    }

    /**
     * The board this slot belongs to (its poller).
     *
     * @return the board.
     */
    public ReadinessBoard board()
    {
        return board;
    }

    int id()
    {
        return id;
    }
}
