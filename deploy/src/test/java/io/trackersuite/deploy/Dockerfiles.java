package io.trackersuite.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's {@code src/main/docker/Dockerfile.jvm} or {@code .native}. */
final class Dockerfiles {

    private Dockerfiles() {
    }

    static Path of(String service, String flavour) {
        return Repository.path(service + "/src/main/docker/Dockerfile." + flavour);
    }

    /** Instructions with their continuation lines joined, comments dropped. */
    static List<String> instructions(String service, String flavour) {
        String text = Repository.read(of(service, flavour)).replaceAll("\\\\\\n\\s*", " ");
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    static String single(String service, String flavour, String instruction) {
        List<String> found = instructions(service, flavour).stream()
                .filter(line -> line.startsWith(instruction + " ")).toList();
        if (found.size() != 1) {
            throw new AssertionError(of(service, flavour) + ": expected one " + instruction + ", found " + found);
        }
        return found.get(0).substring(instruction.length() + 1).strip();
    }

    static int exposedPort(String service, String flavour) {
        return Integer.parseInt(single(service, flavour, "EXPOSE"));
    }

    /** Source paths of the COPY instructions (flags such as --chown and the destination left out). */
    static List<String> copySources(String service, String flavour) {
        return instructions(service, flavour).stream().filter(line -> line.startsWith("COPY ")).flatMap(line -> {
            List<String> words = List.of(line.split("\\s+")).stream().filter(word -> !word.startsWith("--"))
                    .toList();
            return words.subList(1, words.size() - 1).stream();
        }).toList();
    }

    /** The URL path the HEALTHCHECK asks for. */
    static String healthCheckPath(String service, String flavour) {
        Matcher url = Pattern.compile("http://localhost:(\\d+)(/\\S*)")
                .matcher(single(service, flavour, "HEALTHCHECK"));
        if (!url.find()) {
            throw new AssertionError(of(service, flavour) + ": HEALTHCHECK without a localhost URL");
        }
        return url.group(2);
    }
}
