package io.trackersuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The images are built from what the Maven build really produces: every path a Dockerfile copies exists in the
 * service's build output (or, for the native executable, is the name Quarkus gives it), and is not excluded by
 * the module's .dockerignore. They run as a non-root user and check the service's own liveness path.
 */
class DockerfilesTest {

    static final List<String> SERVICES = Repository.SERVICES;
    /** The AOT cache: copied where the build made one (on a JDK 25 or later), the glob matching nothing elsewhere. */
    static final String AOT_CACHE = "target/quarkus-app/app.ao[t]";

    @ParameterizedTest
    @FieldSource("SERVICES")
    void jvmImageCopiesWhatTheBuildLeft(String service) throws IOException {
        Path module = Repository.path(service);
        assertThat(module.resolve("target/quarkus-app/quarkus-run.jar"))
                .as("the build output (./mvnw package runs before these checks)").exists();

        assertThat(Dockerfiles.copySources(service, "jvm")).isNotEmpty().allSatisfy(source -> {
            if (!source.equals(AOT_CACHE) || Runtime.version().feature() >= 25) {
                assertThat(matches(module, source)).as(source + " in " + service + "'s build output").isPositive();
            }
            assertThat(dockerIgnoreAllows(module, source)).as(source + " not excluded by .dockerignore").isTrue();
        });
        assertThat(Dockerfiles.instructions(service, "jvm"))
                .contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
        assertNonRoot(service, "jvm");
        assertThat(Dockerfiles.healthCheckPath(service, "jvm"))
                .isEqualTo(ServiceConfiguration.of(service).healthPath("live"));
    }

    /**
     * The JVM image ships the AOT cache beside the jars and starts with it, on the very JDK build that trained it: the
     * Temurin release the pipeline builds with (any other JVM would ignore the cache).
     */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void jvmImageRunsItsAotCacheOnTheJdkThatTrainedIt(String service) {
        assertThat(Dockerfiles.copySources(service, "jvm")).contains(AOT_CACHE);
        assertThat(Dockerfiles.single(service, "jvm", "ENTRYPOINT")).contains("-XX:AOTCache=/deployments/app.aot")
                .contains("$JAVA_OPTS_APPEND");
        Matcher base = Pattern.compile("eclipse-temurin:(\\d+\\.\\d+\\.\\d+)_(\\d+)-jdk-")
                .matcher(Dockerfiles.single(service, "jvm", "FROM"));
        assertThat(base.find()).as("a Temurin JDK base image with its exact release").isTrue();
        String release = base.group(1) + "+" + base.group(2);
        for (String workflow : List.of(".github/workflows/deploy.yml", ".github/workflows/ci.yml")) {
            assertThat(Repository.read(Repository.path(workflow))).as(workflow + " builds on " + release)
                    .contains("\"" + release + "\"");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void nativeImageCopiesTheQuarkusRunner(String service) {
        Path module = Repository.path(service);
        assertThat(Dockerfiles.copySources(service, "native")).singleElement().satisfies(source -> {
            // Quarkus names the executable <finalName>-runner, finalName being artifactId-version by default
            assertThat(source).isEqualTo("target/*-runner");
            assertThat(Repository.read(module.resolve("pom.xml"))).doesNotContain("<finalName>");
            assertThat(dockerIgnoreAllows(module, "target/" + service + "-1.0.0-SNAPSHOT-runner")).isTrue();
        });
        assertNonRoot(service, "native");
        assertThat(Dockerfiles.healthCheckPath(service, "native"))
                .isEqualTo(ServiceConfiguration.of(service).healthPath("live"));
    }

    private static void assertNonRoot(String service, String flavour) {
        String user = Dockerfiles.single(service, flavour, "USER");
        assertThat(user).as(service + " " + flavour + " USER").matches("[1-9]\\d*(:\\d+)?");
    }

    /** How many files or directories of the module a COPY source (a path or a glob) names. */
    private static long matches(Path module, String source) throws IOException {
        String trimmed = withoutTrailingSlash(source);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + trimmed);
        try (Stream<Path> files = Files.walk(module.resolve("target"), 3)) {
            return files.map(module::relativize).filter(matcher::matches).count();
        }
    }

    /** The module's .dockerignore: "*" then "!pattern" exceptions, as the Quarkus layout ships it. */
    private static boolean dockerIgnoreAllows(Path module, String source) {
        String trimmed = withoutTrailingSlash(source);
        return Repository.read(module.resolve(".dockerignore")).lines().map(String::strip)
                .filter(line -> line.startsWith("!")).map(line -> line.substring(1))
                .anyMatch(allowed -> {
                    PathMatcher exact = FileSystems.getDefault().getPathMatcher("glob:" + allowed);
                    PathMatcher below = FileSystems.getDefault().getPathMatcher("glob:" + allowed + "/**");
                    Path path = Path.of(trimmed);
                    return exact.matches(path) || below.matches(path) || allowed.equals(trimmed);
                });
    }

    /** COPY writes "dir/" for a directory; the globs below name it without the slash. */
    private static String withoutTrailingSlash(String source) {
        return source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
    }
}
