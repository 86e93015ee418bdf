/**
 * SVG plots: the percentile spectrum on HdrHistogram's log-scaled percentile axis, and latency over time.
 */
package io.monocoque.hdr.plot;
