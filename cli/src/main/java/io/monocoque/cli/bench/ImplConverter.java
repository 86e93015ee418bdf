package io.monocoque.cli.bench;

import io.monocoque.cli.options.ChoiceConverter;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.latency.Impl;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --impl monocoque|jeromq}, one element of the comma-separated list: the implementations that speak ZMTP
 * (raw NIO runs only in {@code bench engine}, against its own far side). Any thread.
 */
public final class ImplConverter extends ChoiceConverter<Impl>
{
    /** Monocoque and JeroMQ. */
    public ImplConverter()
    {
        super("implementation", new String[]{"monocoque", "jeromq"}, new Impl[]{Impl.MONOCOQUE, Impl.JEROMQ});
    }

    /**
     * The {@code --impl} list as run: Monocoque alone when absent, each implementation at most once.
     *
     * @param given the converted list, or null when the option was absent.
     * @return the implementations in the order given.
     * @throws UsageException if one is given twice.
     */
    static List<Impl> distinct(final List<Impl> given)
    {
        if (given == null || given.isEmpty())
        {
            return List.of(Impl.MONOCOQUE);
        }
        final List<Impl> impls = new ArrayList<>();
        for (final Impl impl : given)
        {
            if (impls.contains(impl))
            {
                throw new UsageException("--impl: " + impl.label() + " given twice");
            }
            impls.add(impl);
        }
        return impls;
    }
}
