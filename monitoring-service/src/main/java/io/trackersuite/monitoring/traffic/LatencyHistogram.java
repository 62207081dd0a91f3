package io.trackersuite.monitoring.traffic;

import java.util.List;

import io.trackersuite.events.TrafficEvent;

/** Request counts per latency bucket ({@link TrafficEvent#LATENCY_BUCKETS_MS} plus an open last bucket). */
final class LatencyHistogram {

    private final long[] counts = new long[TrafficEvent.LATENCY_BUCKETS_MS.size() + 1];

    void add(Long[] bucketCounts) {
        for (int i = 0; i < Math.min(counts.length, bucketCounts.length); i++) {
            counts[i] += bucketCounts[i] == null ? 0 : bucketCounts[i];
        }
    }

    /**
     * The latency under which the given share of requests fell, interpolated linearly inside its bucket; for the
     * open last bucket, its lower bound. Null when there were no requests.
     */
    Double percentile(double share) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        double rank = share * total;
        long below = 0;
        List<Integer> bounds = TrafficEvent.LATENCY_BUCKETS_MS;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                if (i == bounds.size()) {
                    return (double) bounds.get(i - 1);
                }
                double lower = i == 0 ? 0 : bounds.get(i - 1);
                double upper = bounds.get(i);
                return lower + (upper - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        return (double) bounds.get(bounds.size() - 1);
    }
}
