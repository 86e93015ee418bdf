package io.monocoque.hdr.io;

import org.HdrHistogram.AbstractHistogram;

/**
 * Recomputes the bucket layout that HdrHistogram prints in a distribution's {@code #[Buckets = ..., SubBuckets =
 * ...]} footer line from the histogram's public configuration (the fields themselves are not public). Mirrors
 * {@code AbstractHistogram.init} and {@code getBucketsNeededToCoverValue}.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
final class HistogramLayout
{
    private HistogramLayout()
    {
    }

    static int subBucketCount(final AbstractHistogram histogram)
    {
        final long largestValueWithSingleUnitResolution =
            2 * (long)Math.pow(10, histogram.getNumberOfSignificantValueDigits());
        final int subBucketCountMagnitude =
            (int)Math.ceil(Math.log(largestValueWithSingleUnitResolution) / Math.log(2));
        final int subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
        return 1 << (subBucketHalfCountMagnitude + 1);
    }

    static int bucketCount(final AbstractHistogram histogram)
    {
        final int unitMagnitude = 63 - Long.numberOfLeadingZeros(histogram.getLowestDiscernibleValue());
        long smallestUntrackableValue = ((long)subBucketCount(histogram)) << unitMagnitude;
        int bucketsNeeded = 1;
        while (smallestUntrackableValue <= histogram.getHighestTrackableValue())
        {
            if (smallestUntrackableValue > (Long.MAX_VALUE / 2))
            {
                return bucketsNeeded + 1;
            }
            smallestUntrackableValue <<= 1;
            bucketsNeeded++;
        }
        return bucketsNeeded;
    }
}
