package io.monocoque.perf.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWriterTest
{
    @Test
    void shouldWriteNestedObjectsInAnArrayWithIndentation()
    {
        final String json = new JsonWriter().beginArray()
            .beginObject().member("a", 1).member("b", "x").beginObject("c").member("d", true).endObject().endObject()
            .beginObject().nullMember("e").member("f", 1.5).endObject()
            .endArray().toString();

        assertEquals("[\n  {\n    \"a\": 1,\n    \"b\": \"x\",\n    \"c\": {\n      \"d\": true\n    }\n  },\n" +
            "  {\n    \"e\": null,\n    \"f\": 1.500\n  }\n]\n", json);
    }

    @Test
    void shouldEscapeStringsAndWriteNonFiniteNumbersAsNull()
    {
        final String json = new JsonWriter().beginObject()
            .member("s", "q\"b\\n\nt\tc\u0001é").member("nan", Double.NaN).member("inf", Double.POSITIVE_INFINITY)
            .member("none", (String)null).endObject().toString();

        assertEquals("{\n  \"s\": \"q\\\"b\\\\n\\nt\\tc\\u0001é\",\n  \"nan\": null,\n  \"inf\": null,\n" +
            "  \"none\": null\n}\n", json);
    }

    @Test
    void shouldWriteEmptyContainers()
    {
        assertEquals("[]\n", new JsonWriter().beginArray().endArray().toString());
        assertEquals("{}\n", new JsonWriter().beginObject().endObject().toString());
    }
}
