package io.monocoque.perf.output;

import java.util.Locale;

/**
 * A minimal JSON writer (no dependency): objects, arrays, string/number/boolean/null members, two-space indent.
 * The caller keeps the nesting right; strings are escaped per RFC 8259.
 */
public final class JsonWriter
{
    private final StringBuilder text = new StringBuilder();
    private int depth;
    private boolean first = true;

    /**
     * Open an array (as a value at the top level or in an array).
     *
     * @return this.
     */
    public JsonWriter beginArray()
    {
        separator();
        text.append('[');
        return open();
    }

    /**
     * Open an array as a member of the current object.
     *
     * @param name the member's name.
     * @return this.
     */
    public JsonWriter beginArray(final String name)
    {
        name(name);
        text.append('[');
        return open();
    }

    /**
     * Write a number as the next element of the current array.
     *
     * @param value the number; NaN and infinities as null.
     * @return this.
     */
    public JsonWriter element(final double value)
    {
        separator();
        text.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    /**
     * Close the innermost array.
     *
     * @return this.
     */
    public JsonWriter endArray()
    {
        return close(']');
    }

    /**
     * Open an object (as a value at the top level or in an array).
     *
     * @return this.
     */
    public JsonWriter beginObject()
    {
        separator();
        text.append('{');
        return open();
    }

    /**
     * Open an object as a member of the enclosing object.
     *
     * @param name member name.
     * @return this.
     */
    public JsonWriter beginObject(final String name)
    {
        name(name);
        text.append('{');
        return open();
    }

    /**
     * Close the innermost object.
     *
     * @return this.
     */
    public JsonWriter endObject()
    {
        return close('}');
    }

    /**
     * A string member (null writes JSON null).
     *
     * @param name  member name.
     * @param value the value.
     * @return this.
     */
    public JsonWriter member(final String name, final String value)
    {
        name(name);
        if (value == null)
        {
            text.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    /**
     * An integer member.
     *
     * @param name  member name.
     * @param value the value.
     * @return this.
     */
    public JsonWriter member(final String name, final long value)
    {
        name(name);
        text.append(value);
        return this;
    }

    /**
     * A decimal member with 3 fractional digits (NaN and infinities write null).
     *
     * @param name  member name.
     * @param value the value.
     * @return this.
     */
    public JsonWriter member(final String name, final double value)
    {
        name(name);
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            text.append("null");
        }
        else
        {
            text.append(String.format(Locale.ROOT, "%.3f", value));
        }
        return this;
    }

    /**
     * A boolean member.
     *
     * @param name  member name.
     * @param value the value.
     * @return this.
     */
    public JsonWriter member(final String name, final boolean value)
    {
        name(name);
        text.append(value);
        return this;
    }

    /**
     * A null member.
     *
     * @param name member name.
     * @return this.
     */
    public JsonWriter nullMember(final String name)
    {
        name(name);
        text.append("null");
        return this;
    }

    private void name(final String name)
    {
        separator();
        string(name);
        text.append(": ");
    }

    private JsonWriter open()
    {
        depth++;
        first = true;
        return this;
    }

    private JsonWriter close(final char bracket)
    {
        depth--;
        if (!first)
        {
            newline();
        }
        text.append(bracket);
        first = false;
        return this;
    }

    private void separator()
    {
        if (depth == 0)
        {
            return;
        }
        if (!first)
        {
            text.append(',');
        }
        newline();
        first = false;
    }

    private void newline()
    {
        text.append('\n');
        text.append("  ".repeat(depth));
    }

    private void string(final String value)
    {
        text.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"':
                    text.append("\\\"");
                    break;
                case '\\':
                    text.append("\\\\");
                    break;
                case '\n':
                    text.append("\\n");
                    break;
                case '\r':
                    text.append("\\r");
                    break;
                case '\t':
                    text.append("\\t");
                    break;
                case '\b':
                    text.append("\\b");
                    break;
                case '\f':
                    text.append("\\f");
                    break;
                default:
                    if (c < 0x20)
                    {
                        text.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        text.append(c);
                    }
            }
        }
        text.append('"');
    }

    /**
     * The document written so far, with a final newline.
     *
     * @return the JSON text.
     */
    @Override
    public String toString()
    {
        return text + "\n";
    }
}
