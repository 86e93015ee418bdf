/**
 * HdrHistogram reports: the {@link io.monocoque.hdr.HdrReports} library facade and the {@code monocoque report}
 * command ({@link io.monocoque.hdr.ReportCommand}).
 */
package io.monocoque.hdr;
