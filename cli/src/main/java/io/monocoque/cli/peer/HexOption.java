package io.monocoque.cli.peer;

import picocli.CommandLine.Option;

/**
 * {@code --hex}, mixed into the peer tools that print or read frames ({@code recv}, {@code send}). Filled by
 * picocli, read on the command's thread.
 */
public final class HexOption
{
    @Option(names = "--hex", description = "frames are lower-case hex on stdin/stdout (binary-safe); otherwise " +
        "raw bytes")
    private boolean hex;

    /**
     * Whether --hex was given.
     *
     * @return true for hex frames.
     */
    public boolean hex()
    {
        return hex;
    }
}
