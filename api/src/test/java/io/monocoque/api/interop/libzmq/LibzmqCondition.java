package io.monocoque.api.interop.libzmq;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Enables tests when the Python interpreter of {@link #python()} can import pyzmq. When it cannot: the
 * tests are disabled (skipped) on a developer machine, and the condition throws, which fails them, when the
 * environment variable {@code CI} is {@code true}. The probe runs once per test run (cached in the root store).
 */
public final class LibzmqCondition implements ExecutionCondition
{
    /** System property overriding the interpreter (default {@code /usr/bin/python3}). */
    public static final String PYTHON_PROPERTY = "monocoque.interop.python";
    /** Debian's interpreter, which imports the packaged pyzmq over the system libzmq. */
    public static final String DEFAULT_PYTHON = "/usr/bin/python3";

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(LibzmqCondition.class);
    private static final long PROBE_TIMEOUT_S = 20;

    /**
     * The Python interpreter every libzmq peer of the tests runs, and this condition probes.
     *
     * @return its path.
     */
    public static String python()
    {
        return System.getProperty(PYTHON_PROPERTY, DEFAULT_PYTHON);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context)
    {
        final Probe probe = context.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent("probe", key -> Probe.run(python()), Probe.class);
        if (probe.available)
        {
            return ConditionEvaluationResult.enabled(probe.description);
        }
        if (isCi())
        {
            throw new IllegalStateException("CI=true but the libzmq interop tests cannot run: " + probe.description +
                " (install Debian's python3-zmq)");
        }
        return ConditionEvaluationResult.disabled("libzmq interop tests skipped: " + probe.description +
            " (install Debian's python3-zmq to run them; with CI=true they fail instead)");
    }

    static boolean isCi()
    {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static final class Probe
    {
        final boolean available;
        final String description;

        private Probe(final boolean available, final String description)
        {
            this.available = available;
            this.description = description;
        }

        static Probe run(final String python)
        {
            final Process process;
            try
            {
                process = new ProcessBuilder(python, "-c",
                    "import zmq, sys; sys.stdout.write('libzmq %s, pyzmq %s' % (zmq.zmq_version(), zmq.__version__))")
                    .redirectErrorStream(true)
                    .start();
            }
            catch (final IOException ex)
            {
                return new Probe(false, "cannot start " + python + ": " + ex.getMessage());
            }
            try (InputStream in = process.getInputStream())
            {
                process.getOutputStream().close();
                if (!process.waitFor(PROBE_TIMEOUT_S, TimeUnit.SECONDS))
                {
                    return new Probe(false, python + " -c 'import zmq' did not finish in " + PROBE_TIMEOUT_S + " s");
                }
                final String output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (process.exitValue() != 0)
                {
                    return new Probe(false, python + " cannot import zmq: " + lastLine(output));
                }
                return new Probe(true, output + " (" + python + ")");
            }
            catch (final IOException ex)
            {
                return new Probe(false, "probing " + python + " failed: " + ex.getMessage());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return new Probe(false, "interrupted while probing " + python);
            }
            finally
            {
                process.destroyForcibly();
            }
        }

        private static String lastLine(final String output)
        {
            final int newline = output.lastIndexOf('\n');
            return newline < 0 ? output : output.substring(newline + 1);
        }
    }
}
