package io.monocoque.hdr.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text (RFC 8259) into plain Java values, enough to read the benchmark's {@code summary.json} without a
 * JSON library: objects become {@link LinkedHashMap}s in member order, arrays {@link List}s, strings {@link String}s,
 * numbers {@link JsonNumber}s (their text kept, so they print as written), {@code true}/{@code false}
 * {@link Boolean}s and {@code null} null.
 *
 * <p>Thread-safety: stateless entry point; each call parses on the calling thread.
 */
public final class JsonReader
{
    private static final int HEX_DIGITS = 4;
    private static final int HEX_RADIX = 16;

    private final String text;
    private int position;

    /**
     * A JSON number, as written.
     *
     * @param text the number's text, e.g. {@code 64} or {@code 10.718}
     */
    public record JsonNumber(String text)
    {
        /**
         * Returns the number as a double.
         *
         * @return its value
         */
        public double doubleValue()
        {
            return Double.parseDouble(text);
        }

        @Override
        public String toString()
        {
            return text;
        }
    }

    private JsonReader(final String text)
    {
        this.text = text;
    }

    /**
     * Parses one JSON value, the whole of {@code text} (surrounding whitespace allowed).
     *
     * @param text the JSON text
     * @return the value
     * @throws HdrFormatException if the text is not valid JSON, with the offset where it stops being so
     */
    public static Object parse(final String text) throws HdrFormatException
    {
        final JsonReader reader = new JsonReader(text);
        try
        {
            final Object value = reader.value();
            reader.skipWhitespace();
            if (reader.position != text.length())
            {
                throw reader.error("unexpected text after the value");
            }
            return value;
        }
        catch (final Malformed e)
        {
            throw new HdrFormatException(e.getMessage());
        }
    }

    /** Unwinds a parse that found invalid text; {@link #parse} reports it as an {@link HdrFormatException}. */
    private static final class Malformed extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Malformed(final String message)
        {
            super(message, null, false, false);
        }
    }

    private Object value()
    {
        skipWhitespace();
        if (position >= text.length())
        {
            throw error("unexpected end of text");
        }
        final char c = text.charAt(position);
        return switch (c)
        {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> members = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek('}'))
        {
            position++;
            return members;
        }
        while (true)
        {
            skipWhitespace();
            if (!peek('"'))
            {
                throw error("expected a member name");
            }
            final String name = string();
            skipWhitespace();
            expect(':');
            members.put(name, value());
            skipWhitespace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect('}');
            return members;
        }
    }

    private List<Object> array()
    {
        final List<Object> elements = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek(']'))
        {
            position++;
            return elements;
        }
        while (true)
        {
            elements.add(value());
            skipWhitespace();
            if (peek(','))
            {
                position++;
                continue;
            }
            expect(']');
            return elements;
        }
    }

    private String string()
    {
        position++; // the opening quote
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            if (position >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(position++);
            if (c == '"')
            {
                return out.toString();
            }
            if (c < 0x20)
            {
                throw error("control character in a string");
            }
            if (c != '\\')
            {
                out.append(c);
                continue;
            }
            if (position >= text.length())
            {
                throw error("unterminated escape");
            }
            final char escaped = text.charAt(position++);
            switch (escaped)
            {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("bad escape \\" + escaped);
            }
        }
    }

    private char unicodeEscape()
    {
        if (position + HEX_DIGITS > text.length())
        {
            throw error("short \\u escape");
        }
        try
        {
            final char c = (char)Integer.parseInt(text.substring(position, position + HEX_DIGITS), HEX_RADIX);
            position += HEX_DIGITS;
            return c;
        }
        catch (final NumberFormatException e)
        {
            throw error("bad \\u escape");
        }
    }

    private JsonNumber number()
    {
        final int start = position;
        if (peek('-'))
        {
            position++;
        }
        while (position < text.length() && "0123456789.eE+-".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        final String number = text.substring(start, position);
        try
        {
            Double.parseDouble(number);
        }
        catch (final NumberFormatException e)
        {
            position = start;
            throw error("expected a value");
        }
        return new JsonNumber(number);
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, position))
        {
            throw error("expected " + word);
        }
        position += word.length();
        return value;
    }

    private void expect(final char c)
    {
        if (!peek(c))
        {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private boolean peek(final char c)
    {
        return position < text.length() && text.charAt(position) == c;
    }

    private void skipWhitespace()
    {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
    }

    private Malformed error(final String what)
    {
        return new Malformed("JSON: " + what + " at offset " + position);
    }
}
