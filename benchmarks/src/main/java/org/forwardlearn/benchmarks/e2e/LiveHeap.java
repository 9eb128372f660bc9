package org.forwardlearn.benchmarks.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The live heap: after every garbage collection, the sum of the heap pools' usage after that
 * collection; {@link #peakMb()} is its maximum since {@link #reset()}. Unlike the sum of the pools'
 * peak usages (which mostly measures how much of the young generation the collector let fill up),
 * this is what a run needs to keep, so it is the figure to compare across depths and methods.
 */
public final class LiveHeap {
    private static volatile long peak;

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter e)) continue;
            e.addNotificationListener((n, h) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long s = 0;
                for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) s += u.getUsed();
                // non-heap pools (metaspace, code cache) are included by the GC info; subtract them
                s -= ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
                synchronized (LiveHeap.class) { if (s > peak) peak = s; }
            }, null, null);
        }
    }

    private LiveHeap() { }

    public static synchronized void reset() { peak = 0; }

    public static double peakMb() { return peak / 1048576.0; }
}
