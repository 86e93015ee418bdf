package io.monocoque.cli.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One of a fixed set of words, case-insensitive, listed in the error when the value is none of them (e.g.
 * {@code unknown value 'spin' (busy, yield, backoff)}). A subclass per option kind, with a no-argument constructor,
 * serves picocli both as the converter and as the completion candidates. Immutable; any thread.
 *
 * @param <T> what a word stands for.
 */
public abstract class ChoiceConverter<T> implements ITypeConverter<T>, Iterable<String>
{
    private final String noun;
    private final Map<String, T> choices = new LinkedHashMap<>();

    /**
     * Declare the words.
     *
     * @param noun   what a value is, for the error: "value" or "implementation".
     * @param words  the words, lower case, in the order the error lists them.
     * @param values what each word stands for, in the same order.
     */
    protected ChoiceConverter(final String noun, final String[] words, final T[] values)
    {
        this.noun = noun;
        for (int i = 0; i < words.length; i++)
        {
            choices.put(words[i], values[i]);
        }
    }

    /**
     * Convert one value.
     *
     * @param text as typed; surrounding blanks and case do not matter.
     * @return what it stands for.
     * @throws TypeConversionException naming the accepted words.
     */
    @Override
    public T convert(final String text)
    {
        final T value = choices.get(text.trim().toLowerCase(Locale.ROOT));
        if (value == null)
        {
            throw new TypeConversionException("unknown " + noun + " '" + text.trim() + "' (" +
                String.join(", ", choices.keySet()) + ")");
        }
        return value;
    }

    /**
     * The accepted words, for shell completion and help.
     *
     * @return the words in their order.
     */
    @Override
    public Iterator<String> iterator()
    {
        return choices.keySet().iterator();
    }
}
