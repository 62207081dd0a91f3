package io.trackersuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The services use Quarkus, Vert.x and Netty through their public APIs only, so an upgrade of either cannot break
 * presence or the gateway at start-up: no main class imports a type from an {@code impl} package or one named
 * {@code *Internal}, and none opens a framework's private members.
 */
@Tag("unit")
class PublicApisTest {

    private static final Pattern INTERNAL_IMPORT = Pattern.compile(
            "^import\\s+(static\\s+)?(io\\.vertx|io\\.quarkus|io\\.netty|io\\.smallrye)\\.[\\w.]*"
                    + "(\\.impl\\.[\\w.]+|\\.\\w*Internal\\w*)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern PRIVATE_ACCESS = Pattern.compile("privateLookupIn|setAccessible\\(true\\)");

    @Test
    void noMainClassReachesIntoAFrameworksInternals() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : modules()) {
            Path sources = Repository.path(module + "/src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher imports = INTERNAL_IMPORT.matcher(text);
                    while (imports.find()) {
                        found.add(Repository.ROOT.relativize(file) + ": " + imports.group().strip());
                    }
                    Matcher access = PRIVATE_ACCESS.matcher(text);
                    while (access.find()) {
                        found.add(Repository.ROOT.relativize(file) + ": " + access.group());
                    }
                }
            }
        }
        assertThat(found).as("framework internals used by main code").isEmpty();
    }

    @Test
    void theCheckRecognisesWhatItLooksFor() {
        assertThat(INTERNAL_IMPORT.matcher("import io.vertx.core.impl.ContextInternal;").find()).isTrue();
        assertThat(INTERNAL_IMPORT.matcher("import io.vertx.core.net.impl.ConnectionBase;").find()).isTrue();
        assertThat(INTERNAL_IMPORT.matcher("import io.vertx.core.http.WebSocketInternal;").find()).isTrue();
        assertThat(INTERNAL_IMPORT.matcher("import io.vertx.core.Context;").find()).isFalse();
        assertThat(PRIVATE_ACCESS.matcher("MethodHandles.privateLookupIn(Foo.class, LOOKUP)").find()).isTrue();
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>(Repository.SERVICES);
        modules.add("tracker-common");
        return modules;
    }
}
