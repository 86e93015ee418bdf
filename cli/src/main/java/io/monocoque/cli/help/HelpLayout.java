package io.monocoque.cli.help;

import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One layout for every command's generated help, applied to the whole tree once it is built: the synopsis first
 * ({@code usage: monocoque recv ...}, as the hand-written help began, so scripts and people find it), then the
 * one-line header, the description, the options in the order they are declared, the exit statuses and the
 * footer; groups list their commands with {@link CommandListRenderer}. Called on the thread that builds the tree.
 */
public final class HelpLayout
{
    /** Columns of help text, as wide as the hand-written help was. */
    public static final int WIDTH = 115;
    /** Width of the command name column in command lists. */
    public static final int COMMAND_COLUMN = 18;
    /** Widest long option (with its parameter label) that keeps its description on the same line. */
    private static final int LONG_OPTIONS_COLUMN = 28;

    private static final List<String> SECTIONS = List.of(
        UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING,
        UsageMessageSpec.SECTION_KEY_SYNOPSIS,
        UsageMessageSpec.SECTION_KEY_HEADER_HEADING,
        UsageMessageSpec.SECTION_KEY_HEADER,
        UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING,
        UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
        UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
        UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING,
        UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
        UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
        UsageMessageSpec.SECTION_KEY_OPTION_LIST,
        UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING,
        UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST,
        UsageMessageSpec.SECTION_KEY_FOOTER_HEADING,
        UsageMessageSpec.SECTION_KEY_FOOTER);

    private HelpLayout()
    {
    }

    /**
     * Apply the layout to a command and every command below it.
     *
     * @param root the tool's command line, with all its subcommands added.
     */
    public static void apply(final CommandLine root)
    {
        root.setUsageHelpWidth(WIDTH);
        root.setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS_COLUMN);
        final List<CommandLine> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty())
        {
            final CommandLine command = pending.remove(pending.size() - 1);
            layout(command);
            pending.addAll(command.getSubcommands().values());
        }
    }

    private static void layout(final CommandLine command)
    {
        final UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        // A heading prints even when its section is empty: set the blank line only where there is a section.
        usage.synopsisHeading("usage: ")
            .headerHeading(usage.header().length > 0 ? "%n" : "")
            .descriptionHeading(usage.description().length > 0 ? "%n" : "")
            .optionListHeading("%nOptions:%n")
            .sortOptions(false)
            .sortSynopsis(false)
            .exitCodeListHeading(usage.exitCodeList().isEmpty() ? "" : "%nExit status:%n")
            .commandListHeading("");
        if (usage.footer().length > 0 && usage.footerHeading().isEmpty())
        {
            usage.footerHeading("%n");
        }
        command.setHelpSectionKeys(SECTIONS);
        if (command.getCommandSpec().userObject() instanceof CommandGroup)
        {
            final Map<String, IHelpSectionRenderer> sections = command.getHelpSectionMap();
            sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandListRenderer());
            command.setHelpSectionMap(sections);
        }
    }
}
