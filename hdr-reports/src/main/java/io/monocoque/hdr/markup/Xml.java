package io.monocoque.hdr.markup;

/**
 * Escapes text for XML, XHTML and SVG output.
 *
 * <p>Every string that reaches the generated markup from outside (run names, titles, notes, file names) goes through
 * {@link #escape(CharSequence)}, so the output stays well-formed XML whatever the input holds. Characters that XML 1.0
 * forbids (most C0 controls, unpaired surrogates, U+FFFE/U+FFFF) are replaced with U+FFFD.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Xml
{
    private Xml()
    {
    }

    /**
     * Escapes {@code text} for use in element content or in a double- or single-quoted attribute value.
     *
     * @param text the raw text; {@code null} is treated as empty
     * @return the escaped text ({@code & < > " '} become entity or character references)
     */
    public static String escape(final CharSequence text)
    {
        if (text == null)
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default ->
                {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() &&
                        Character.isLowSurrogate(text.charAt(i + 1)))
                    {
                        out.append(c).append(text.charAt(++i));
                    }
                    else if (isAllowed(c))
                    {
                        out.append(c);
                    }
                    else
                    {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isAllowed(final char c)
    {
        if (c == '\t' || c == '\n' || c == '\r')
        {
            return true;
        }
        if (c < 0x20 || Character.isSurrogate(c))
        {
            return false;
        }
        return c != '\uFFFE' && c != '\uFFFF';
    }
}
