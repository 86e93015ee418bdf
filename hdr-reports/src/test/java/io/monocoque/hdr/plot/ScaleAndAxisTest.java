package io.monocoque.hdr.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.monocoque.hdr.markup.Numbers;
import org.junit.jupiter.api.Test;

class ScaleAndAxisTest
{
    @Test
    void niceScalesUseOneTwoFiveSteps()
    {
        assertEquals(new NiceScale(0, 1200, 200), NiceScale.of(0, 1137, 6));
        assertEquals(new NiceScale(0, 60, 10), NiceScale.of(0, 59, 6));
        assertEquals(new NiceScale(0, 1, 0.2), NiceScale.of(0, 0, 6));
        assertEquals(new NiceScale(0, 1, 0.2), NiceScale.of(0, Double.NaN, 6));
        final NiceScale small = NiceScale.of(0, 0.037, 6);
        assertEquals(0.01, small.step(), 1e-15);
        assertEquals(0.04, small.max(), 1e-12);
        assertEquals(List.of(0.0, 200.0, 400.0, 600.0, 800.0, 1000.0, 1200.0), NiceScale.of(0, 1137, 6).ticks());
        for (double max = 0.013; max < 1e7; max *= 1.37)
        {
            final NiceScale scale = NiceScale.of(0, max, 6);
            assertTrue(scale.max() >= max && scale.ticks().size() >= 4 && scale.ticks().size() <= 13,
                max + " -> " + scale);
        }
        assertThrows(IllegalArgumentException.class, () -> new NiceScale(1, 1, 1));
    }

    @Test
    void logScalesSpanWholeDecadesWithOneTwoFiveTicks()
    {
        final LogScale scale = LogScale.of(17.3, 4_100);
        assertEquals(new LogScale(10, 10_000), scale);
        assertEquals(3, scale.decades());
        assertEquals(List.of(10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0),
            scale.ticks().stream().map(t -> (double)Math.round(t)).toList());
        assertEquals(List.of(0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0),
            LogScale.of(0.5, 9000).ticks().stream().map(t -> Math.round(t * 10) / 10.0).toList());
        assertEquals(new LogScale(100, 1000), LogScale.of(100, 100));
        assertEquals(new LogScale(1, 10), LogScale.of(Double.POSITIVE_INFINITY, 0));
        final LinearMap map = scale.map(400, 40);
        assertEquals(400, scale.toPixel(map, 10), 1e-9);
        assertEquals(40, scale.toPixel(map, 10_000), 1e-9);
        assertEquals(400, scale.toPixel(map, 0), 1e-9);
        assertEquals(123.4, scale.fromPixel(map, scale.toPixel(map, 123.4)), 1e-9);
    }

    @Test
    void tickLabelsHaveJustEnoughDecimals()
    {
        assertEquals("1,200", Numbers.tick(1200, 200));
        assertEquals("0.4", Numbers.tick(0.4000000000000001, 0.2));
        assertEquals("0.05", Numbers.tick(0.05, 0.05));
        assertEquals("0.0", Numbers.tick(0, 0.5));
        assertEquals("0", Numbers.tick(-0.0, 5));
    }

    @Test
    void percentileAxisIsLogOfOneOverOneMinusP()
    {
        assertEquals(0.0, PercentileAxis.toDecades(0), 1e-12);
        assertEquals(1.0, PercentileAxis.toDecades(90), 1e-12);
        assertEquals(2.0, PercentileAxis.toDecades(99), 1e-12);
        assertEquals(3.0, PercentileAxis.toDecades(99.9), 1e-9);
        assertEquals(Math.log10(2), PercentileAxis.toDecades(50), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, PercentileAxis.toDecades(100));
        for (double p = 0; p < 99.9999; p = p + (100 - p) * 0.137)
        {
            assertEquals(p, PercentileAxis.toPercent(PercentileAxis.toDecades(p)), 1e-9);
        }
        assertEquals(List.of("0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"),
            List.of(PercentileAxis.label(0), PercentileAxis.label(1), PercentileAxis.label(2),
                PercentileAxis.label(3), PercentileAxis.label(4), PercentileAxis.label(5), PercentileAxis.label(6)));
    }

    @Test
    void linearMapInvertsAndMayRunBackwards()
    {
        final LinearMap y = new LinearMap(0, 100, 400, 40);
        assertEquals(400, y.toPixel(0), 1e-12);
        assertEquals(40, y.toPixel(100), 1e-12);
        assertEquals(37.5, y.fromPixel(y.toPixel(37.5)), 1e-12);
    }
}
