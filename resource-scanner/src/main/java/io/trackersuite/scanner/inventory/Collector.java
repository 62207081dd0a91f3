package io.trackersuite.scanner.inventory;

/** Lists one resource type in one region (or the whole account), following pagination to the end. */
@FunctionalInterface
public interface Collector {
    void collect(CollectContext context);
}
