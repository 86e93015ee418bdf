package io.monocoque.engine.pattern;

import org.agrona.DirectBuffer;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A set of subscription prefixes with a count per prefix, as a byte trie (libzmq's {@code trie_t}): adding the same
 * prefix twice needs two removals, the empty prefix matches everything, and {@link #matches} walks at most the
 * topic's length, however many prefixes are stored, without allocating.
 * <p>
 * Each node keeps its children in a small array indexed from its lowest child byte, so a step is one array access;
 * nodes without count or children are pruned on removal.
 * <p>
 * Not thread-safe: owned by one thread at a time (the engine agent for SUB/XSUB and XPUB's totals, a fan-out worker
 * for a subscriber connection), handed over only through a queue. Adding and enumerating allocate; matching and
 * counting do not.
 */
public final class SubscriptionTrie
{
    /** Receives each stored prefix from {@link #forEach(PrefixConsumer)}. */
    @FunctionalInterface
    public interface PrefixConsumer
    {
        /**
         * One stored prefix.
         *
         * @param prefix holds the prefix in its first {@code length} bytes (a scratch array: copy what you keep).
         * @param length prefix length.
         * @param count  how many times it was added.
         */
        void accept(byte[] prefix, int length, int count);
    }

    private static final class Node
    {
        final Node parent;
        final int key;
        int count;
        int min;
        int liveChildren;
        Node[] next;

        Node(final Node parent, final int key)
        {
            this.parent = parent;
            this.key = key;
        }

        Node child(final int b)
        {
            final Node[] table = next;
            if (table == null)
            {
                return null;
            }
            final int index = b - min;
            return index >= 0 && index < table.length ? table[index] : null;
        }

        Node addChild(final int b)
        {
            if (next == null)
            {
                min = b;
                next = new Node[1];
            }
            else if (b < min)
            {
                final Node[] grown = new Node[next.length + (min - b)];
                System.arraycopy(next, 0, grown, min - b, next.length);
                next = grown;
                min = b;
            }
            else if (b - min >= next.length)
            {
                next = Arrays.copyOf(next, b - min + 1);
            }
            final Node node = new Node(this, b);
            next[b - min] = node;
            liveChildren++;
            return node;
        }

        void removeChild(final int b)
        {
            next[b - min] = null;
            if (--liveChildren == 0)
            {
                next = null;
            }
        }
    }

    private final Node root = new Node(null, -1);
    private int size;

    /**
     * Add one subscription to a prefix.
     *
     * @param prefix holds the prefix.
     * @param offset first byte.
     * @param length prefix length (0 = everything).
     * @return the prefix's count after adding: 1 when it is new.
     */
    public int add(final DirectBuffer prefix, final int offset, final int length)
    {
        Node node = root;
        for (int i = 0; i < length; i++)
        {
            final int b = prefix.getByte(offset + i) & 0xFF;
            final Node child = node.child(b);
            node = child != null ? child : node.addChild(b);
        }
        if (node.count++ == 0)
        {
            size++;
        }
        return node.count;
    }

    /**
     * Remove one subscription from a prefix.
     *
     * @param prefix holds the prefix.
     * @param offset first byte.
     * @param length prefix length.
     * @return the count left (0 when the prefix is gone), or -1 if it was not subscribed.
     */
    public int remove(final DirectBuffer prefix, final int offset, final int length)
    {
        final Node node = find(prefix, offset, length);
        if (node == null || node.count == 0)
        {
            return -1;
        }
        if (--node.count == 0)
        {
            size--;
            prune(node);
        }
        return node.count;
    }

    private void prune(final Node from)
    {
        Node node = from;
        while (node != root && node.count == 0 && node.liveChildren == 0)
        {
            final Node parent = node.parent;
            parent.removeChild(node.key);
            node = parent;
        }
    }

    private Node find(final DirectBuffer prefix, final int offset, final int length)
    {
        Node node = root;
        for (int i = 0; i < length && node != null; i++)
        {
            node = node.child(prefix.getByte(offset + i) & 0xFF);
        }
        return node;
    }

    /**
     * How many times a prefix was added and not removed.
     *
     * @param prefix holds the prefix.
     * @param offset first byte.
     * @param length prefix length.
     * @return the count, 0 if absent.
     */
    public int count(final DirectBuffer prefix, final int offset, final int length)
    {
        final Node node = find(prefix, offset, length);
        return node == null ? 0 : node.count;
    }

    /**
     * Whether some stored prefix is a prefix of {@code topic} (the empty prefix matches every topic).
     * Garbage-free; walks at most {@code length} nodes.
     *
     * @param topic  holds the topic (a message's first frame).
     * @param offset first byte.
     * @param length topic length.
     * @return true if the topic matches a subscription.
     */
    public boolean matches(final DirectBuffer topic, final int offset, final int length)
    {
        Node node = root;
        if (node.count > 0)
        {
            return true;
        }
        for (int i = 0; i < length; i++)
        {
            node = node.child(topic.getByte(offset + i) & 0xFF);
            if (node == null)
            {
                return false;
            }
            if (node.count > 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Number of distinct prefixes stored.
     *
     * @return the count of prefixes with a count above zero.
     */
    public int size()
    {
        return size;
    }

    /**
     * Whether nothing is subscribed.
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return size == 0;
    }

    /**
     * Remove every prefix.
     */
    public void clear()
    {
        root.count = 0;
        root.next = null;
        root.liveChildren = 0;
        size = 0;
    }

    /**
     * Visit every stored prefix, each once with its count, shorter prefixes before their extensions and siblings
     * in byte order. Allocates (a control-path operation: re-sending subscriptions, a subscriber leaving).
     *
     * @param consumer receives each prefix.
     */
    public void forEach(final PrefixConsumer consumer)
    {
        byte[] path = new byte[16];
        final ArrayDeque<Node> stack = new ArrayDeque<>();
        final ArrayDeque<Integer> depths = new ArrayDeque<>();
        stack.push(root);
        depths.push(0);
        while (!stack.isEmpty())
        {
            final Node node = stack.pop();
            final int depth = depths.pop();
            if (node != root)
            {
                if (depth > path.length)
                {
                    path = Arrays.copyOf(path, Math.max(depth, path.length * 2));
                }
                path[depth - 1] = (byte)node.key;
            }
            if (node.count > 0)
            {
                consumer.accept(path, depth, node.count);
            }
            final Node[] table = node.next;
            if (table != null)
            {
                for (int i = table.length - 1; i >= 0; i--)
                {
                    if (table[i] != null)
                    {
                        stack.push(table[i]);
                        depths.push(depth + 1);
                    }
                }
            }
        }
    }
}
