package io.monocoque.cli.bench;

import io.monocoque.cli.Cli;
import io.monocoque.cli.command.ExitStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code monocoque jmh [ARGS]}: perf's JMH micro-benchmarks, found through the {@code META-INF/BenchmarkList} the
 * executable jar carries. Every argument, {@code -h} included, goes to JMH's own command line. The process entry
 * point calls {@link #runJmh} before setting anything up, since JMH may exit the JVM itself; this command is the
 * same thing inside {@link Cli#run}, and gives {@code jmh} its place in the help and the completion script.
 */
@Command(name = JmhCommand.NAME,
    header = "run the JMH micro-benchmarks (jmh -h: JMH's options; jmh -l: list)",
    customSynopsis = "monocoque jmh [JMH ARGUMENTS]")
public final class JmhCommand implements Callable<Integer>
{
    /** The command's name. */
    public static final String NAME = "jmh";

    @Unmatched
    private List<String> args = new ArrayList<>();

    /**
     * Hand arguments to JMH on the calling thread.
     *
     * @param args JMH's arguments.
     * @throws Exception if JMH fails in a way it does not report itself.
     */
    public static void runJmh(final String[] args) throws Exception
    {
        org.openjdk.jmh.Main.main(args);
    }

    /**
     * Run JMH with this command's arguments.
     *
     * @return {@link ExitStatus#OK} when JMH returns.
     * @throws Exception if JMH fails.
     */
    @Override
    public Integer call() throws Exception
    {
        runJmh(args.toArray(new String[0]));
        return ExitStatus.OK;
    }
}
