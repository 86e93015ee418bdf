/**
 * Escaping and locale-independent number formatting for the generated markup.
 */
package io.monocoque.hdr.markup;
