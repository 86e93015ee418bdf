/**
 * The self-contained XHTML report page and its summary table.
 */
package io.monocoque.hdr.report;
