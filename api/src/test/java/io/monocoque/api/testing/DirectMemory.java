package io.monocoque.api.testing;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's "direct" buffer pool, which the memory tests read before and after the work they measure: every ring,
 * read buffer, staging buffer and handshake buffer of the engine is a direct {@code ByteBuffer}, so the pool's growth
 * is what sockets and connections cost in native memory. Any thread.
 */
public final class DirectMemory
{
    private static final BufferPoolMXBean POOL = pool();

    private DirectMemory()
    {
    }

    /**
     * Bytes of direct memory in use now.
     *
     * @return bytes.
     */
    public static long used()
    {
        return POOL.getMemoryUsed();
    }

    /**
     * Direct buffers allocated and not yet freed.
     *
     * @return the count.
     */
    public static long buffers()
    {
        return POOL.getCount();
    }

    private static BufferPoolMXBean pool()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool;
            }
        }
        throw new IllegalStateException("no direct buffer pool bean");
    }
}
