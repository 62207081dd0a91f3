package io.trackersuite.scanner.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * The classes a full scan loads after start-up (the SDK's response models and unmarshallers above all; resource
 * {@code aws/scan-classes.txt}, recorded by {@code deploy/bench/scan-classes.sh}), loaded while the service boots.
 * Loaded later, by the first scan, they cost it over a third of its time in a fresh JVM: Quarkus's class loader then
 * keeps only four jars open and reopens the SDK's jars class after class, and each model class spins the lambdas of
 * its field table as it is initialised. The models are initialised here too, so that happens at boot as well; their
 * static initialisers only build those tables. A class the list names that this build lacks (after an SDK upgrade)
 * is skipped: the list makes the first scan faster, never possible.
 */
final class ScanClassList {

    static final String RESOURCE = "/aws/scan-classes.txt";
    private static final Logger LOG = Logger.getLogger(ScanClassList.class);

    private ScanClassList() {
    }

    /** The class names of the list, in the order a scan loaded them. */
    static List<String> names() {
        try (InputStream in = ScanClassList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void load(ClassLoader loader) {
        long begin = System.nanoTime();
        List<String> names = names();
        AtomicInteger missing = new AtomicInteger();
        names.parallelStream().forEach(name -> {
            try {
                Class.forName(name, isSdkModel(name), loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.incrementAndGet();
                LOG.debugf("scan class %s not loaded: %s", name, e.toString());
            }
        });
        LOG.debugf("loaded %d classes a scan needs (%d not in this build) in %d ms", names.size(), missing.get(),
                (System.nanoTime() - begin) / 1_000_000);
    }

    private static boolean isSdkModel(String name) {
        return name.startsWith("software.amazon.awssdk.services.") && name.contains(".model.");
    }
}
