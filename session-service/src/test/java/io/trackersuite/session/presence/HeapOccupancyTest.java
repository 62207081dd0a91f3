package io.trackersuite.session.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The signal that refuses connections before the heap runs out: it follows what is kept, not what was allocated. */
@Tag("unit")
class HeapOccupancyTest {

    private static final int KEPT = 64 * 1024 * 1024;

    @Test
    void liveHeapRisesWithWhatIsKeptAndFallsWhenItIsReleased() {
        HeapOccupancy heap = new HeapOccupancy();
        System.gc();
        long before = heap.liveBytes();
        byte[] kept = new byte[KEPT];
        System.gc();
        long holding = heap.liveBytes();
        assertThat(kept).hasSize(KEPT);
        kept = null;
        System.gc();
        long after = heap.liveBytes();

        assertThat(holding - before).as("live bytes while 64 MB are kept").isGreaterThanOrEqualTo(KEPT * 9L / 10);
        assertThat(holding - after).as("live bytes freed when they are not").isGreaterThanOrEqualTo(KEPT * 9L / 10);
        assertThat(heap.share()).isBetween(0.0, 1.0);
    }
}
