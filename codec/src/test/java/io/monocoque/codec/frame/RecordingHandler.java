package io.monocoque.codec.frame;

import io.monocoque.codec.Wire;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/** Records what a decoder hands out, as hex strings; can refuse offers to exercise back-pressure. */
class RecordingHandler implements FrameHandler
{
    final List<String> offers = new ArrayList<>();
    final List<String> accepted = new ArrayList<>();
    int refuseNext;

    @Override
    public boolean onMessage(final DirectBuffer buffer, final int offset, final int length, final int frameCount)
    {
        return offer("message/" + frameCount + ": " + Wire.hex(Wire.copy(buffer, offset, length)));
    }

    @Override
    public boolean onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        return offer("command: " + Wire.hex(Wire.copy(buffer, offset, length)));
    }

    private boolean offer(final String what)
    {
        offers.add(what);
        if (refuseNext > 0)
        {
            refuseNext--;
            return false;
        }
        accepted.add(what);
        return true;
    }
}
