package io.trackersuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RouteTableTest {

    private final RouteTable<String> table = new RouteTable<>();

    RouteTableTest() {
        // in the order of application.properties
        table.add(List.of("/api/presence/"), "presence");
        table.add(List.of("/api/qr", "/api/instance"), "tracker");
        table.add(List.of("/api/sessions/", "/api/traffic/"), "monitoring");
        table.add(List.of("/api/sessions/active/feed", "/api/traffic/live"), "monitoring-feed");
        table.add(List.of("/api/v1/"), "scanner");
        table.add(List.of("/api/v1/scan"), "scanner-sync-scan");
        table.add(List.of("/api/v1/"), "shadowed");
    }

    @Test
    void anExactPathWinsOverEveryPrefix() {
        assertThat(table.find("/api/sessions/active/feed")).isEqualTo("monitoring-feed");
        assertThat(table.find("/api/traffic/live")).isEqualTo("monitoring-feed");
        assertThat(table.find("/api/v1/scan")).isEqualTo("scanner-sync-scan");
    }

    @Test
    void aPrefixServesWhatIsBelowItAndItselfWithoutTheSlash() {
        assertThat(table.find("/api/sessions/active")).isEqualTo("monitoring");
        assertThat(table.find("/api/sessions")).isEqualTo("monitoring");
        assertThat(table.find("/api/v1/scans/abc")).isEqualTo("scanner");
        assertThat(table.find("/api/presence/ws")).isEqualTo("presence");
    }

    @Test
    void theLongerPrefixWinsAndTheFirstConfiguredOnATie() {
        table.add(List.of("/api/sessions/active/"), "deeper");
        assertThat(table.find("/api/sessions/active/123")).isEqualTo("deeper");
        assertThat(table.find("/api/sessions/other")).isEqualTo("monitoring");
        assertThat(table.find("/api/v1/resources")).isEqualTo("scanner");
    }

    @Test
    void pathsNoRouteServesAreLeftToTheGateway() {
        assertThat(table.find("/")).isNull();
        assertThat(table.find("/api/instances")).isNull();
        assertThat(table.find("/api/sessionsX")).isNull();
        assertThat(table.find("/api/qr/extra")).isNull();
        assertThat(table.find("/admin/")).isNull();
    }
}
