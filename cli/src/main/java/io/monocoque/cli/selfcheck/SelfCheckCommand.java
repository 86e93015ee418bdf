package io.monocoque.cli.selfcheck;

import io.monocoque.cli.Command;
import io.monocoque.cli.CommandIo;
import io.monocoque.cli.options.UsageException;

/**
 * {@code monocoque selfcheck}: the codec self-check ({@link CodecSelfCheck}).
 */
public final class SelfCheckCommand implements Command
{
    @Override
    public String name()
    {
        return "selfcheck";
    }

    @Override
    public String summary()
    {
        return "encode and decode a greeting, a READY and a 3-frame message";
    }

    @Override
    public String usage()
    {
        return "usage: monocoque selfcheck\n" +
            "\n" +
            "Encodes a ZMTP 3.1 stream (greeting, READY, a three-frame message), decodes it split in two pieces and\n" +
            "checks that what comes out is what went in. No options.\n" +
            "\n" +
            "Exit status: 0 passed, 1 failed, 2 bad usage.\n";
    }

    @Override
    public int run(final String[] args, final CommandIo io)
    {
        if (args.length > 0)
        {
            throw new UsageException("takes no arguments, got '" + args[0] + "'");
        }
        return CodecSelfCheck.run(io.out(), io.err());
    }
}
