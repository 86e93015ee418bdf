/**
 * The report model: a {@link io.monocoque.hdr.model.LatencyRun} with its percentile points, summary and time series,
 * in microseconds.
 */
package io.monocoque.hdr.model;
