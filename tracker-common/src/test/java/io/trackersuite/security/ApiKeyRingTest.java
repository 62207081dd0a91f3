package io.trackersuite.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ApiKeyRingTest {

    private static final String KEY = "tsk_oracle-op_" + "s".repeat(40);
    private static final String HASH = HexFormat.of().formatHex(ApiKeyRing.sha256(KEY));

    @Test
    void aKeyIdWithADashWorksWhenConfiguredThroughEnvironmentVariables() {
        // TRACKER_API_KEYS__ORACLE_OP__SHA256 reaches the configuration map as "oracle.op"
        ApiKeyRing fromEnvironment = new ApiKeyRing(Map.of("oracle.op", new ApiKeyRing.Key(HASH, "operator")));
        assertThat(fromEnvironment.roleOf(KEY)).contains("operator");
        assertThat(new ApiKeyRing(Map.of("ORACLE_OP", new ApiKeyRing.Key(HASH, "operator"))).roleOf(KEY))
                .contains("operator");
        assertThat(new ApiKeyRing(Map.of("oracle-op", new ApiKeyRing.Key(HASH, "operator"))).roleOf(KEY))
                .contains("operator");
    }

    @Test
    void aWrongSecretOrAnUnknownIdIsRefused() {
        ApiKeyRing ring = new ApiKeyRing(Map.of("oracle-op", new ApiKeyRing.Key(HASH, "operator")));
        assertThat(ring.roleOf("tsk_oracle-op_" + "t".repeat(40))).isEmpty();
        assertThat(ring.roleOf("tsk_other-op_" + "s".repeat(40))).isEmpty();
        assertThat(ring.roleOf("not-a-key")).isEmpty();
    }
}
