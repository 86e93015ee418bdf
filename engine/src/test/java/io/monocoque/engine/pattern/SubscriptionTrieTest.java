package io.monocoque.engine.pattern;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionTrieTest
{
    private final SubscriptionTrie trie = new SubscriptionTrie();

    private static UnsafeBuffer buffer(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private int add(final String prefix)
    {
        final UnsafeBuffer b = buffer(prefix);
        return trie.add(b, 0, b.capacity());
    }

    private int remove(final String prefix)
    {
        final UnsafeBuffer b = buffer(prefix);
        return trie.remove(b, 0, b.capacity());
    }

    private int count(final String prefix)
    {
        final UnsafeBuffer b = buffer(prefix);
        return trie.count(b, 0, b.capacity());
    }

    private boolean matches(final String topic)
    {
        // Embed the topic at an offset inside a larger buffer to check offsets are honoured.
        final UnsafeBuffer b = buffer("##" + topic + "##");
        return trie.matches(b, 2, topic.length());
    }

    private Map<String, Integer> contents()
    {
        final Map<String, Integer> result = new HashMap<>();
        trie.forEach((prefix, length, count) ->
            result.put(new String(prefix, 0, length, StandardCharsets.ISO_8859_1), count));
        return result;
    }

    @Test
    void shouldMatchNothingWhenEmpty()
    {
        assertFalse(matches(""));
        assertFalse(matches("abc"));
        assertTrue(trie.isEmpty());
    }

    @Test
    void shouldMatchEveryTopicWithTheEmptyPrefix()
    {
        assertEquals(1, add(""));
        assertTrue(matches(""));
        assertTrue(matches("anything"));
        assertTrue(matches("\u0000\u00ff"));
        assertEquals(1, trie.size());
    }

    @Test
    void shouldMatchTopicsStartingWithAPrefix()
    {
        add("ab");
        assertTrue(matches("ab"));
        assertTrue(matches("abc"));
        assertFalse(matches("a"), "a topic shorter than the prefix");
        assertFalse(matches("ac"));
        assertFalse(matches("b"));
        assertFalse(matches(""));
        assertFalse(matches("Ab"), "matching is byte-exact");
    }

    @Test
    void shouldMatchAnyOfSeveralPrefixesIncludingNestedOnes()
    {
        add("abc");
        add("a");
        add("xyz");
        assertTrue(matches("a"));
        assertTrue(matches("abd"));
        assertTrue(matches("xyz1"));
        assertFalse(matches("xy"));
        assertFalse(matches("b"));
        assertEquals(3, trie.size());
    }

    @Test
    void shouldCountDuplicateSubscriptions()
    {
        assertEquals(1, add("topic"));
        assertEquals(2, add("topic"));
        assertEquals(1, trie.size());
        assertEquals(1, remove("topic"), "one subscription left after the first cancel");
        assertTrue(matches("topic.x"));
        assertEquals(0, remove("topic"));
        assertFalse(matches("topic.x"));
        assertTrue(trie.isEmpty());
        assertEquals(-1, remove("topic"), "cancelling what is not subscribed");
    }

    @Test
    void shouldKeepLongerPrefixesWhenAShorterOneIsRemoved()
    {
        add("a");
        add("abc");
        assertEquals(0, remove("a"));
        assertFalse(matches("ab"));
        assertTrue(matches("abcd"));
        assertEquals(0, count("a"));
        assertEquals(1, count("abc"));
        assertEquals(Map.of("abc", 1), contents());
    }

    @Test
    void shouldKeepShorterPrefixesWhenALongerOneIsRemoved()
    {
        add("a");
        add("abc");
        assertEquals(0, remove("abc"));
        assertTrue(matches("ab"));
        assertEquals(Map.of("a", 1), contents());
    }

    @Test
    void shouldReportUnknownPrefixesOnRemoval()
    {
        add("abc");
        assertEquals(-1, remove("ab"), "an inner node is not a subscription");
        assertEquals(-1, remove("abcd"));
        assertEquals(-1, remove("x"));
        assertEquals(1, count("abc"));
    }

    @Test
    void shouldHandleEveryByteValueAndSparseChildren()
    {
        final byte[] all = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            all[i] = (byte)i;
        }
        for (int i = 255; i >= 0; i -= 3) // descending and sparse: grows child tables at the front
        {
            trie.add(new UnsafeBuffer(all), i, 1);
        }
        for (int i = 0; i < 256; i++)
        {
            assertEquals((255 - i) % 3 == 0, trie.matches(new UnsafeBuffer(all), i, 1), "byte " + i);
        }
    }

    @Test
    void shouldEnumerateEachPrefixOnceWithItsCount()
    {
        add("b");
        add("a");
        add("ab");
        add("ab");
        add("");
        assertEquals(Map.of("", 1, "a", 1, "ab", 2, "b", 1), contents());
        final List<String> order = new ArrayList<>();
        trie.forEach((prefix, length, count) -> order.add(new String(prefix, 0, length, StandardCharsets.ISO_8859_1)));
        assertEquals(List.of("", "a", "ab", "b"), order, "shorter before longer, siblings in byte order");
    }

    @Test
    void shouldEnumerateLongPrefixesWithoutDeepRecursion()
    {
        final String longPrefix = "x".repeat(100_000);
        add(longPrefix);
        assertTrue(matches(longPrefix + "y"));
        assertEquals(Map.of(longPrefix, 1), contents());
        assertEquals(0, remove(longPrefix));
        assertTrue(trie.isEmpty());
    }

    @Test
    void shouldClearEverything()
    {
        add("a");
        add("");
        trie.clear();
        assertTrue(trie.isEmpty());
        assertFalse(matches("a"));
        assertEquals(1, add("a"));
    }

    @Test
    void shouldAgreeWithALinearScanOnRandomOperations()
    {
        final Random random = new Random(42);
        final Map<String, Integer> model = new HashMap<>();
        for (int step = 0; step < 20_000; step++)
        {
            final String prefix = randomText(random, 4);
            if (random.nextInt(3) == 0)
            {
                final int expected = model.containsKey(prefix) ? model.get(prefix) - 1 : -1;
                assertEquals(expected, remove(prefix), "remove " + prefix);
                if (expected == 0)
                {
                    model.remove(prefix);
                }
                else if (expected > 0)
                {
                    model.put(prefix, expected);
                }
            }
            else
            {
                assertEquals(model.merge(prefix, 1, Integer::sum), add(prefix), "add " + prefix);
            }
            final String topic = randomText(random, 6);
            boolean expected = false;
            for (final String subscribed : model.keySet())
            {
                expected |= topic.startsWith(subscribed);
            }
            assertEquals(expected, matches(topic), "match " + topic + " against " + model.keySet());
            assertEquals(model.size(), trie.size());
        }
        assertEquals(model, contents());
    }

    private static String randomText(final Random random, final int maxLength)
    {
        final int length = random.nextInt(maxLength + 1);
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            text.append((char)('a' + random.nextInt(3)));
        }
        return text.toString();
    }
}
