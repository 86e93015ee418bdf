package io.monocoque.cli.bench;

import io.monocoque.cli.options.Quantities;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A comma-separated list of message sizes ({@code 64,1k,64k}; binary suffixes), where the empty list means "skip
 * this part". Stateless; any thread.
 */
public final class SizeListConverter implements ITypeConverter<SizeListConverter.Sizes>
{
    /** The sizes of one list option, as one value (picocli would split an array option itself). Immutable. */
    public static final class Sizes
    {
        private final int[] values;

        Sizes(final int[] values)
        {
            this.values = values.clone();
        }

        /**
         * The sizes in bytes, in the order given.
         *
         * @return a copy.
         */
        public int[] values()
        {
            return values.clone();
        }
    }

    @Override
    public Sizes convert(final String text)
    {
        if (text.isBlank())
        {
            return new Sizes(new int[0]);
        }
        final String[] parts = text.split(",");
        final int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            final long size;
            try
            {
                size = Quantities.binary(parts[i]);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TypeConversionException(ex.getMessage());
            }
            if (size < 0 || size > Integer.MAX_VALUE)
            {
                throw new TypeConversionException("'" + parts[i].trim() + "' is not a message size");
            }
            sizes[i] = (int)size;
        }
        return new Sizes(sizes);
    }
}
