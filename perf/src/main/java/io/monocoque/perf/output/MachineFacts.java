package io.monocoque.perf.output;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JVM and machine a run happened on, for the summary: Java version, VM, OS, processors, host name, date.
 */
public final class MachineFacts
{
    private final String javaVersion = System.getProperty("java.version", "");
    private final String vmName = System.getProperty("java.vm.name", "") + " " +
        System.getProperty("java.vm.version", "");
    private final String os = System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " " +
        System.getProperty("os.arch", "");
    private final int availableProcessors = Runtime.getRuntime().availableProcessors();
    private final String hostname = hostname();
    private final String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    /**
     * Collect the facts now.
     */
    public MachineFacts()
    {
    }

    private static String hostname()
    {
        final String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank())
        {
            return env.trim();
        }
        try
        {
            final Path file = Path.of("/etc/hostname");
            if (Files.isReadable(file))
            {
                final String name = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!name.isEmpty())
                {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    /**
     * Write the facts as members of the JSON object being written.
     *
     * @param json the writer, inside an object.
     */
    public void writeTo(final JsonWriter json)
    {
        json.member("javaVersion", javaVersion);
        json.member("vmName", vmName.trim());
        json.member("os", os.trim());
        json.member("availableProcessors", availableProcessors);
        json.member("hostname", hostname);
        json.member("date", date);
    }

    /**
     * One line for the console.
     *
     * @return e.g. "Java 17.0.15 (OpenJDK 64-Bit Server VM), Linux 6.1 amd64, 2 CPUs, host x, 2025-...Z".
     */
    public String describe()
    {
        return "Java " + javaVersion + " (" + vmName.trim() + "), " + os.trim() + ", " + availableProcessors +
            " CPUs, host " + hostname + ", " + date;
    }
}
