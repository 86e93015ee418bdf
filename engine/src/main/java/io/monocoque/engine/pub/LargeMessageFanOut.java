package io.monocoque.engine.pub;

import io.monocoque.engine.session.StagingBuffer;

/**
 * A {@link PubWorker}'s handling of messages larger than one slot of the publisher's ring, which arrive as a run of
 * fragment events (begin, middles, end): which subscribers admit the whole message at its begin, appending each
 * fragment to the admitted ones, and closing those left with part of a message its publisher gave up.
 * <p>
 * Owned by its worker's thread, like the worker; it reads and updates the worker's sessions through the worker.
 */
final class LargeMessageFanOut
{
    private final PubWorker worker;
    /** A large message's fragments are being read: between its begin and its end. */
    private boolean inProgress;

    LargeMessageFanOut(final PubWorker worker)
    {
        this.worker = worker;
    }

    /**
     * Whether a large message is part-way: every event then goes to {@link #onFragment}.
     *
     * @return true between a begin and its end.
     */
    boolean inProgress()
    {
        return inProgress;
    }

    /**
     * A fragment of a message larger than a slot's bytes. At its begin each matching subscriber admits the whole
     * message (its HWM has room for all of it, or, for one larger than the HWM, nothing is staged) or drops it; the
     * admitted ones get every fragment appended as it comes, so the fan-out never waits for one subscriber. A whole
     * message or a begin arriving while one is in progress means its publisher gave it up part-way: the subscribers
     * that had part of it are closed (the bytes on the wire are no whole message), and they reconnect.
     */
    void onFragment(final PubEvent event, final long sequence, final int offset, final int length)
    {
        if (event.kind == PubEvent.WHOLE || event.kind == PubEvent.BEGIN)
        {
            if (inProgress)
            {
                abandonLarge();
            }
            if (event.kind == PubEvent.WHOLE)
            {
                worker.fanOutWhole(event, sequence, offset, length);
                return;
            }
            inProgress = true;
            beginLarge(event, sequence, offset, length);
            return;
        }
        if (!inProgress)
        {
            return; // the rest of a message that began before this worker's sessions joined
        }
        final boolean end = event.kind == PubEvent.END;
        final PubSession[] sessions = worker.sessions();
        for (int i = 0, count = worker.sessionCount(); i < count; i++)
        {
            final PubSession session = sessions[i];
            if (session.admittedLarge)
            {
                if (session.dead || !session.connection.isActive())
                {
                    session.admittedLarge = false; // its staging was dropped with the connection, and counted
                    continue;
                }
                session.connection.staging().appendFragment(worker.data(), offset, length);
                worker.markDirty(session); // flushed at the end of this cycle, like a staged run
                if (end)
                {
                    session.admittedLarge = false;
                }
            }
        }
        if (end)
        {
            inProgress = false;
        }
    }

    private void beginLarge(final PubEvent event, final long sequence, final int offset, final int length)
    {
        final int topicOffset = offset + event.topicOffset;
        final long total = event.totalLength;
        final PubSession[] sessions = worker.sessions();
        for (int i = 0, count = worker.sessionCount(); i < count; i++)
        {
            final PubSession session = sessions[i];
            if (session.dead || sequence <= session.joinSequence ||
                !session.subscriptions.matches(worker.data(), topicOffset, event.topicLength))
            {
                continue;
            }
            if (session.runLength > 0)
            {
                worker.copyRun(session); // what was matched before it goes first
            }
            final StagingBuffer staging = session.connection.staging();
            if (admitsLarge(session, staging, total))
            {
                session.admittedLarge = true;
                staging.appendFragment(worker.data(), offset, length);
                worker.markDirty(session);
            }
            else
            {
                session.dropped++;
                worker.addDropped(1);
            }
        }
    }

    private boolean admitsLarge(final PubSession session, final StagingBuffer staging, final long total)
    {
        if (tryBegin(staging, total))
        {
            return true;
        }
        // Unless the kernel is known to be full, one write may make the room (or empty the buffer).
        return !session.writeBlocked && worker.flush(session) && !session.dead && tryBegin(staging, total);
    }

    private static boolean tryBegin(final StagingBuffer staging, final long total)
    {
        return total > staging.hwmBytes() ? staging.beginOversizedMessage(total) : staging.beginMessage(total);
    }

    private void abandonLarge()
    {
        inProgress = false;
        final PubSession[] sessions = worker.sessions();
        for (int i = 0, count = worker.sessionCount(); i < count; i++)
        {
            final PubSession session = sessions[i];
            if (session.admittedLarge)
            {
                session.admittedLarge = false;
                if (!session.dead)
                {
                    session.connection.close("the publisher gave up a large message part-way");
                }
            }
        }
    }
}
