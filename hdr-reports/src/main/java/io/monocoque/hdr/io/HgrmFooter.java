package io.monocoque.hdr.io;

/**
 * The {@code #[...]} footer of a plain-text percentile distribution ({@code .hgrm}): mean, standard deviation,
 * maximum, total count and the histogram's bucket layout. CSV distributions have no footer.
 *
 * <p>Thread-safety: immutable; safe from any thread.
 *
 * @param mean         the mean, scaled like the value column
 * @param stdDeviation the standard deviation, scaled like the value column
 * @param max          the maximum, scaled like the value column
 * @param totalCount   the number of recorded values
 * @param buckets      the histogram's bucket count, or -1 if the file has no {@code #[Buckets ...]} line
 * @param subBuckets   the histogram's sub-bucket count, or -1 if the file has no {@code #[Buckets ...]} line
 */
public record HgrmFooter(double mean, double stdDeviation, double max, long totalCount, int buckets, int subBuckets)
{
    /**
     * Tells whether the footer has the bucket layout line.
     *
     * @return {@code true} if {@code buckets} and {@code subBuckets} are known
     */
    public boolean hasBucketLine()
    {
        return buckets >= 0 && subBuckets >= 0;
    }
}
