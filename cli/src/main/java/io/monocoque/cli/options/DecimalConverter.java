package io.monocoque.cli.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converter for counts and times written with decimal suffixes ({@link Quantities#decimal}); the message
 * of a bad value is completed with the option's name when it is reported. Stateless; any thread.
 */
public final class DecimalConverter implements ITypeConverter<Long>
{
    /**
     * Convert one value.
     *
     * @param text as typed.
     * @return the number.
     * @throws TypeConversionException saying what is wrong with the text.
     */
    @Override
    public Long convert(final String text)
    {
        try
        {
            return Quantities.decimal(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException(ex.getMessage());
        }
    }
}
