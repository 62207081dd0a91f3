package io.trackersuite.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the C library keeps after the JVM freed it goes back to the system. The JIT's arenas are the usual case;
 * here, direct buffers allocated with malloc and mostly freed, so what is left is fragmented and glibc keeps it.
 */
@Tag("unit")
class NativeHeapTrimTest {

    private static final int BUFFERS = 4_000;
    private static final int BUFFER_BYTES = 32 * 1024; // below glibc's mmap threshold: from its arenas

    @Test
    void givesFreedNativeMemoryBackToTheSystem() throws Exception {
        List<ByteBuffer> kept = new ArrayList<>();
        Thread allocator = new Thread(() -> {
            List<ByteBuffer> dropped = new ArrayList<>();
            for (int i = 0; i < BUFFERS; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
                for (int page = 0; page < BUFFER_BYTES; page += 4096) {
                    buffer.put(page, (byte) 1); // resident, not only reserved
                }
                (i % 8 == 0 ? kept : dropped).add(buffer);
            }
        });
        allocator.start();
        allocator.join();
        long keptBytes = (long) kept.size() * BUFFER_BYTES;
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc(); // the dropped buffers' memory is freed by their cleaners after a collection
            return direct.getMemoryUsed() <= keptBytes + 16 * 1024 * 1024;
        });
        long freedMb = (long) (BUFFERS - kept.size()) * BUFFER_BYTES / (1024 * 1024);
        long before = residentMb();

        assertThat(NativeHeapTrim.trim()).isTrue();

        assertThat(before - residentMb()).as("resident MB given back of %d MB freed", freedMb)
                .isGreaterThan(freedMb / 2);
        assertThat(kept).hasSize(BUFFERS / 8);
    }

    private static long residentMb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst().orElseThrow();
    }
}
