package io.monocoque.cli.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandLinesTest
{
    @Test
    void shouldQuoteOnlyTheArgumentsAShellWouldSplitOrExpand()
    {
        assertEquals("monocoque bench latency --impl monocoque,jeromq --out results/run-1 --bind 'tcp://*:5555' " +
            "--title 'two words' --note 'it'\\''s'",
            CommandLines.of("monocoque", List.of("bench", "latency", "--impl", "monocoque,jeromq", "--out",
                "results/run-1", "--bind", "tcp://*:5555", "--title", "two words", "--note", "it's")));
    }
}
