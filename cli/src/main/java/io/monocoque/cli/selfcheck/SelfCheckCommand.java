package io.monocoque.cli.selfcheck;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.CommandIo;
import io.monocoque.cli.command.ExitStatus;
import io.monocoque.cli.help.HelpOption;
import io.monocoque.cli.options.UsageException;
import io.monocoque.perf.CodecSelfCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code monocoque selfcheck}: the codec self-check ({@link CodecSelfCheck}, in perf beside the codec benchmarks, so
 * that the command line reaches the codec only through perf). Runs on the thread of {@link Cli#run}.
 */
@Command(name = "selfcheck",
    header = "encode and decode a greeting, a READY and a 3-frame message",
    description = {
        "Encodes a ZMTP 3.1 stream (greeting, READY, a three-frame message), decodes it split in two pieces and " +
            "checks that what comes out is what went in. No options."},
    exitCodeList = {"0:passed", "1:failed", "2:bad usage"})
public final class SelfCheckCommand implements Callable<Integer>
{
    private final CommandIo io;

    @Mixin
    private HelpOption help;

    // Declared only to answer stray words with this command's own message rather than picocli's.
    @Parameters(arity = "0..*", hidden = true)
    private List<String> extra = new ArrayList<>();

    /**
     * The command.
     *
     * @param io the run's streams.
     */
    public SelfCheckCommand(final CommandIo io)
    {
        this.io = io;
    }

    /**
     * Run the self-check.
     *
     * @return {@link ExitStatus#OK} if it passed, {@link ExitStatus#FAILURE} if not.
     */
    @Override
    public Integer call()
    {
        if (!extra.isEmpty())
        {
            throw new UsageException("takes no arguments, got '" + extra.get(0) + "'");
        }
        return CodecSelfCheck.run(io.out(), io.err());
    }
}
