package io.monocoque.cli.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converter for sizes in bytes written with binary suffixes ({@link Quantities#binary}). Stateless; any
 * thread.
 */
public final class BinaryConverter implements ITypeConverter<Long>
{
    /**
     * Convert one value.
     *
     * @param text as typed.
     * @return the number of bytes.
     * @throws TypeConversionException saying what is wrong with the text.
     */
    @Override
    public Long convert(final String text)
    {
        try
        {
            return Quantities.binary(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException(ex.getMessage());
        }
    }
}
