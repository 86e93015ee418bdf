/**
 * Reading and writing HdrHistogram files: percentile distributions ({@code .hgrm}) and interval logs ({@code .hlog}).
 */
package io.monocoque.hdr.io;
