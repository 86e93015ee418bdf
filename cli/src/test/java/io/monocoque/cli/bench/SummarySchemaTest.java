package io.monocoque.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema check the benchmark tests rely on finds what breaks the schema. */
class SummarySchemaTest
{
    @TempDir
    Path dir;

    @Test
    void shouldNameEachMemberThatIsMissingOfTheWrongTypeOrNotAllowed() throws Exception
    {
        final Path summary = dir.resolve("summary.json");
        Files.writeString(summary, "[{\"benchmark\": \"latency\", \"command\": null, \"impl\": \"zeromq\", " +
            "\"impl_version\": \"1\", \"pattern\": \"dealer\", \"sockets\": \"DEALER-ROUTER\", " +
            "\"transport\": \"tcp\", " +
            "\"size\": \"64\", \"warmup\": 1, \"rounds\": 0, \"idle\": \"busy\", \"idle_reason\": \"x\", " +
            "\"threads\": \"t\", \"files\": {}}]");

        final List<String> violations = SummarySchema.load().violations(summary);

        final String all = String.join("\n", violations);
        for (final String expected : List.of("no member count", "\"64\" is not of type integer", "zeromq",
            "0 is below 1", "no member hlog", "no member javaVersion"))
        {
            assertTrue(all.contains(expected), expected + " not found in\n" + all);
        }
    }
}
