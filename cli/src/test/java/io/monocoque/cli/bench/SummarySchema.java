package io.monocoque.cli.bench;

import io.monocoque.hdr.io.JsonReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a benchmark summary against {@code docs/summary.schema.json}: the part of JSON Schema (2020-12) that the
 * schema uses, {@code type}, {@code enum}, {@code const}, {@code required}, {@code properties}, {@code items},
 * {@code minimum}, {@code oneOf}, {@code allOf} and local {@code $ref}s; annotations are ignored. Written here
 * rather than taken from a library, as the project's JSON is.
 */
final class SummarySchema
{
    /** The schema, from the module directory Maven runs the tests in. */
    static final Path SCHEMA = Path.of("..", "docs", "summary.schema.json");

    private final Map<String, Object> root;

    private SummarySchema(final Map<String, Object> root)
    {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static SummarySchema load() throws IOException
    {
        final String text = Files.readString(SCHEMA, StandardCharsets.UTF_8);
        return new SummarySchema((Map<String, Object>)JsonReader.parse(text));
    }

    /**
     * The ways a summary breaks the schema.
     *
     * @param summary the summary file
     * @return one line per violation, empty if it conforms
     * @throws IOException if the file cannot be read or is not JSON
     */
    List<String> violations(final Path summary) throws IOException
    {
        final List<String> problems = new ArrayList<>();
        check(root, JsonReader.parse(Files.readString(summary, StandardCharsets.UTF_8)), "$", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private void check(final Map<String, Object> schema, final Object value, final String where,
        final List<String> problems)
    {
        if (schema.get("$ref") instanceof String ref)
        {
            check(resolve(ref), value, where, problems);
        }
        if (schema.get("type") != null && !typeMatches(schema.get("type"), value))
        {
            problems.add(where + ": " + describe(value) + " is not of type " + schema.get("type"));
            return;
        }
        if (schema.get("enum") instanceof List<?> options && !options.contains(plain(value)))
        {
            problems.add(where + ": " + value + " is not one of " + options);
        }
        if (schema.containsKey("const") && !schema.get("const").equals(plain(value)))
        {
            problems.add(where + ": " + value + " is not " + schema.get("const"));
        }
        if (schema.get("minimum") instanceof JsonReader.JsonNumber minimum &&
            value instanceof JsonReader.JsonNumber n && n.doubleValue() < minimum.doubleValue())
        {
            problems.add(where + ": " + n + " is below " + minimum);
        }
        if (schema.get("allOf") instanceof List<?> all)
        {
            for (final Object part : all)
            {
                check((Map<String, Object>)part, value, where, problems);
            }
        }
        if (schema.get("oneOf") instanceof List<?> one)
        {
            int matching = 0;
            final List<String> why = new ArrayList<>();
            for (final Object part : one)
            {
                final List<String> partProblems = new ArrayList<>();
                check((Map<String, Object>)part, value, where, partProblems);
                matching += partProblems.isEmpty() ? 1 : 0;
                why.addAll(partProblems);
            }
            if (matching != 1)
            {
                problems.add(where + ": matches " + matching + " of the oneOf schemas, not one" +
                    (matching == 0 ? ": " + why : ""));
            }
        }
        if (value instanceof Map<?, ?> object)
        {
            if (schema.get("required") instanceof List<?> required)
            {
                for (final Object name : required)
                {
                    if (!object.containsKey(name))
                    {
                        problems.add(where + ": no member " + name);
                    }
                }
            }
            if (schema.get("properties") instanceof Map<?, ?> properties)
            {
                for (final Map.Entry<?, ?> property : properties.entrySet())
                {
                    if (object.containsKey(property.getKey()))
                    {
                        check((Map<String, Object>)property.getValue(), object.get(property.getKey()),
                            where + "." + property.getKey(), problems);
                    }
                }
            }
        }
        if (value instanceof List<?> array && schema.get("items") instanceof Map<?, ?> items)
        {
            for (int i = 0; i < array.size(); i++)
            {
                check((Map<String, Object>)items, array.get(i), where + "[" + i + "]", problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(final String ref)
    {
        if (!ref.startsWith("#/$defs/"))
        {
            throw new IllegalArgumentException("only local $defs references are supported: " + ref);
        }
        return (Map<String, Object>)((Map<String, Object>)root.get("$defs")).get(ref.substring("#/$defs/".length()));
    }

    private static boolean typeMatches(final Object type, final Object value)
    {
        if (type instanceof List<?> types)
        {
            return types.stream().anyMatch(t -> typeMatches(t, value));
        }
        return switch ((String)type)
        {
            case "string" -> value instanceof String;
            case "number" -> value instanceof JsonReader.JsonNumber;
            case "integer" -> value instanceof JsonReader.JsonNumber n && n.text().matches("-?[0-9]+");
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            case "array" -> value instanceof List;
            case "object" -> value instanceof Map;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    /** A JSON number compared by its value's text; everything else as parsed. */
    private static Object plain(final Object value)
    {
        return value instanceof JsonReader.JsonNumber n ? n.text() : value;
    }

    private static String describe(final Object value)
    {
        return value == null ? "null" : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
