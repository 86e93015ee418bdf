package io.monocoque.hdr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonReaderTest
{
    @Test
    void shouldParseObjectsArraysStringsNumbersAndLiteralsKeepingMemberOrder() throws Exception
    {
        final Object parsed = JsonReader.parse(" [ {\"b\": 1, \"a\": -2.5e3, \"s\": \"x\\\"y\\\\z\\n\\u00b5\", " +
            "\"t\": true, \"f\": false, \"n\": null, \"o\": {}, \"e\": []} ] ");

        final Map<?, ?> run = (Map<?, ?>)((List<?>)parsed).get(0);
        assertEquals(List.of("b", "a", "s", "t", "f", "n", "o", "e"), List.copyOf(run.keySet()));
        assertEquals("1", run.get("b").toString());
        assertEquals(-2500.0, ((JsonReader.JsonNumber)run.get("a")).doubleValue());
        assertEquals("x\"y\\z\n\u00b5", run.get("s"));
        assertEquals(Boolean.TRUE, run.get("t"));
        assertEquals(Boolean.FALSE, run.get("f"));
        assertNull(run.get("n"));
        assertTrue(run.containsKey("n"));
        assertEquals(Map.of(), run.get("o"));
        assertEquals(List.of(), run.get("e"));
    }

    @Test
    void shouldRefuseMalformedTextSayingWhere()
    {
        for (final String bad : List.of("", "[1,]", "{\"a\" 1}", "[\"unterminated]", "[1] 2", "{a: 1}", "[tru]",
            "[\"\\q\"]", "[--1]"))
        {
            final HdrFormatException e = assertThrows(HdrFormatException.class, () -> JsonReader.parse(bad), bad);
            assertTrue(e.getMessage().contains("at offset"), e.getMessage());
        }
    }
}
