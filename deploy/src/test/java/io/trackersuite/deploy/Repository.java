package io.trackersuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository these checks read, and the command-line tools they run on it. */
final class Repository {

    /** The four services, by module directory (= artifactId = image name = Kubernetes name). */
    static final List<String> SERVICES = List.of("tracker-gateway", "session-service", "monitoring-service",
            "resource-scanner");

    static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command printed on stdout; a non-zero exit fails with its stderr. */
    static String run(List<String> command) {
        CommandResult result = runAllowingFailure(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }

    record CommandResult(int exitCode, String output) {
    }

    static CommandResult runAllowingFailure(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
            }
            return new CommandResult(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " cannot be run (deploy/local/tools.sh installs it): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Group 1 of every match of the pattern in the text. */
    static Set<String> firstGroups(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher match = pattern.matcher(text);
        while (match.find()) {
            found.add(match.group(1));
        }
        return found;
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
