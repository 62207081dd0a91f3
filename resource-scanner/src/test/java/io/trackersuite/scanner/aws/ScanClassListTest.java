package io.trackersuite.scanner.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The recorded list of classes a scan needs still matches this build (deploy/bench/scan-classes.sh records it). */
class ScanClassListTest {

    @Test
    void everyListedClassExistsInThisBuild() {
        List<String> names = ScanClassList.names();
        assertThat(names).as("classes in %s", ScanClassList.RESOURCE).hasSizeGreaterThan(1_000)
                .anyMatch(name -> name.startsWith("software.amazon.awssdk.services.ec2.model."));
        Set<String> seen = new HashSet<>();
        List<String> duplicates = names.stream().filter(name -> !seen.add(name)).toList();
        assertThat(duplicates).as("listed twice").isEmpty();
        List<String> absent = names.stream().filter(name -> !loads(name)).toList();
        assertThat(absent).as("listed but not in this build: run deploy/bench/scan-classes.sh").isEmpty();
    }

    private static boolean loads(String name) {
        try {
            Class.forName(name, false, ScanClassListTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
