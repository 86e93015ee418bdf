package io.monocoque.perf.latency;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopsTest
{
    @Test
    void shouldSpaceIntendedSendTimesEvenlyAtTheRate()
    {
        assertEquals(0, Loops.intendedOffsetNs(0, 1000));
        assertEquals(1_000_000, Loops.intendedOffsetNs(1, 1000));
        assertEquals(999_000_000, Loops.intendedOffsetNs(999, 1000));
        assertEquals(1_000_000_000, Loops.intendedOffsetNs(1000, 1000));
        assertEquals(333_333, Loops.intendedOffsetNs(1, 3000));
        assertEquals(1_000_000_000, Loops.intendedOffsetNs(3000, 3000));
        // No overflow for long runs at high rates: 10^10 requests at 10^7/s = 1,000 s.
        assertEquals(1_000_000_000_000L, Loops.intendedOffsetNs(10_000_000_000L, 10_000_000));
    }
}
