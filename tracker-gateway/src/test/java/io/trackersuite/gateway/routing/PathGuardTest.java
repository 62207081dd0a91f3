package io.trackersuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class PathGuardTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/api/instance", "/api/sessions/", "/api/", "/api/v1/scans/3f2a/resources", "/a.b/c..d/.e",
            "/api/presence/ws", "/file.", "/x/...", "/%41%42", "/%2", "/q%3Dv", "/a%20b" })
    void ordinaryPathsAreSafe(String path) {
        assertThat(PathGuard.isSafe(path)).as(path).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "api", "//api", "/api//instance", "/.", "/..", "/api/../admin", "/api/./x",
            "/api/..", "/a\\\\b", "/api/%2fadmin", "/api/%2Fadmin", "/api/%5cadmin", "/api/%5Cadmin", "/%2e%2e/admin",
            "/%2E", "/a%00", "/a%252f", "/%%2f" })
    void pathsThatCouldMeanSomethingElseToAServiceAreNot(String path) {
        assertThat(PathGuard.isSafe(path)).as(path).isFalse();
    }
}
