package io.trackersuite.session.presence;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How full the heap is with live data: what the heap's memory pools held right after their last collection, against
 * the most heap the JVM may use. Unlike the heap in use now, it does not count garbage waiting for the next
 * collection, so it rises only with what connections really keep. Reading it costs a few JMX getters.
 */
@ApplicationScoped
public class HeapOccupancy {

    /** The heap pools that report their usage after a collection; none on a JVM that reports none (never full). */
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
            .toList();
    private final long maxBytes = Runtime.getRuntime().maxMemory();

    /** Bytes the heap pools held after their last collection. */
    public long liveBytes() {
        long live = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (afterCollection != null) {
                live += afterCollection.getUsed();
            }
        }
        return live;
    }

    /** {@link #liveBytes()} as a share of the most heap the JVM may use (0 to 1). */
    public double share() {
        return maxBytes <= 0 || maxBytes == Long.MAX_VALUE ? 0 : (double) liveBytes() / maxBytes;
    }
}
