package io.monocoque.cli.help;

import java.util.List;

/**
 * A command that only groups others ({@code monocoque} itself, {@code monocoque bench}): its help lists its
 * commands in titled sections, and a word that names none of them is reported in its own terms. Implemented by
 * the group's command object; read on the thread that parses the command line.
 */
public interface CommandGroup
{
    /**
     * One titled list of commands in the group's help.
     *
     * @param title the section's title line, or empty for none.
     * @param paths each command as the words that name it below this group, e.g. {@code "bench latency"}.
     */
    record Section(String title, List<String> paths)
    {
    }

    /**
     * The sections of the group's help, in order.
     *
     * @return the sections.
     */
    List<Section> sections();

    /**
     * The reason to print when a word names no command of the group.
     *
     * @param word the word as typed.
     * @return e.g. {@code unknown command 'frobnicate'}.
     */
    String unknownCommand(String word);
}
