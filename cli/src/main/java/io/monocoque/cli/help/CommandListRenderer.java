package io.monocoque.cli.help;

import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

import java.util.Locale;

/**
 * Renders a {@link CommandGroup}'s command list from the command specs: a section per title, a line per command
 * with its name below the tool (so nested ones read {@code bench latency}) and its one-line header. Stateless;
 * called by picocli on the thread that prints the help.
 */
public final class CommandListRenderer implements IHelpSectionRenderer
{
    private static final String LINE = "  %-" + HelpLayout.COMMAND_COLUMN + "s %s%n";

    @Override
    public String render(final Help help)
    {
        final CommandSpec spec = help.commandSpec();
        if (!(spec.userObject() instanceof CommandGroup))
        {
            return "";
        }
        final StringBuilder text = new StringBuilder();
        for (final CommandGroup.Section section : ((CommandGroup)spec.userObject()).sections())
        {
            text.append(String.format(Locale.ROOT, "%n"));
            if (!section.title().isEmpty())
            {
                text.append(section.title()).append(String.format(Locale.ROOT, "%n"));
            }
            for (final String path : section.paths())
            {
                final CommandSpec command = resolve(spec.commandLine(), path);
                text.append(String.format(Locale.ROOT, LINE, nameBelowRoot(command), summary(command)));
            }
        }
        return text.toString();
    }

    private static CommandSpec resolve(final CommandLine group, final String path)
    {
        CommandLine current = group;
        for (final String word : path.split(" "))
        {
            current = current.getSubcommands().get(word);
            if (current == null)
            {
                throw new IllegalStateException("no command '" + path + "' below " + group.getCommandName());
            }
        }
        return current.getCommandSpec();
    }

    private static String nameBelowRoot(final CommandSpec command)
    {
        final String qualified = command.qualifiedName();
        final String root = command.root().name();
        return qualified.startsWith(root + " ") ? qualified.substring(root.length() + 1) : qualified;
    }

    private static String summary(final CommandSpec command)
    {
        final String[] header = command.usageMessage().header();
        return header.length > 0 ? header[0] : "";
    }
}
