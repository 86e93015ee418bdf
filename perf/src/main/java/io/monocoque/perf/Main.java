package io.monocoque.perf;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of the executable perf jar ({@code perf/target/monocoque-perf.jar}).
 * <pre>
 *  java -jar perf/target/monocoque-perf.jar                 run the codec self-check
 *  java -jar perf/target/monocoque-perf.jar selfcheck       same
 *  java -jar perf/target/monocoque-perf.jar jmh [JMH args]  run JMH, e.g. jmh -prof gc 'io.monocoque.perf.jmh.codec.*'
 *  java -jar perf/target/monocoque-perf.jar --help          print usage
 * </pre>
 * Exit codes: 0 success, 1 self-check failure, 2 unknown command. JMH handles its own arguments and exit codes.
 * <p>
 * This is a placeholder for the full perf CLI; keep real work in separate classes ({@link CodecSelfCheck}).
 */
public final class Main
{
    private Main()
    {
    }

    /**
     * Dispatch on the first argument.
     *
     * @param args subcommand and its arguments.
     * @throws Exception if JMH fails in a way it does not report itself.
     */
    public static void main(final String[] args) throws Exception
    {
        final String command = args.length == 0 ? "selfcheck" : args[0];
        switch (command)
        {
            case "jmh":
                org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
                break;

            case "bench":
                if (args.length >= 2 && "engine".equals(args[1]))
                {
                    System.exit(io.monocoque.perf.bench.EngineBench.run(
                        Arrays.copyOfRange(args, 2, args.length), System.out, System.err));
                }
                System.err.println("monocoque-perf: usage: bench engine [options]");
                System.exit(2);
                break;

            case "selfcheck":
                System.exit(CodecSelfCheck.run(System.out, System.err));
                break;

            case "--help":
            case "-h":
            case "help":
                usage(System.out);
                break;

            default:
                System.err.println("monocoque-perf: unknown command '" + command + "'");
                usage(System.err);
                System.exit(2);
                break;
        }
    }

    private static void usage(final PrintStream out)
    {
        out.println("usage: java -jar monocoque-perf.jar [selfcheck | jmh [JMH options] [benchmark regex] | --help]");
        out.println("  selfcheck  encode and decode a greeting, a READY and a 3-frame message (default)");
        out.println("  jmh        run JMH benchmarks, e.g.: jmh -prof gc 'io.monocoque.perf.jmh.codec.*'");
        out.println("             (jmh -l lists benchmarks, jmh -h lists JMH options)");
    }
}
