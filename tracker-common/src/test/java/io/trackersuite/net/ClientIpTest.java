package io.trackersuite.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class ClientIpTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "203.0.113.7,203.0.113.7",
            "0.0.0.0,0.0.0.0",
            "255.255.255.255,255.255.255.255",
            "0:0:0:0:0:0:0:1,::1",                 // how Java prints IPv6: made canonical
            "::ffff:10.1.2.3,10.1.2.3",            // IPv4-mapped IPv6 is the IPv4 client
            "1.2.3.256,null",
            "1.2.3.4.5,null",
            "1.2.3.4x,null",
            "not-an-address,null" })
    void normalisesToTheCanonicalText(String text, String canonical) {
        assertThat(ClientIp.normalise(text)).isEqualTo(canonical);
    }

    @Test
    void withNoTrustedProxiesTheForwardedForHeaderIsNeverBelieved() {
        assertThat(ClientIp.resolve(IpRanges.of(List.of()), "203.0.113.5:4711", "1.2.3.4")).isEqualTo("203.0.113.5");
        assertThat(IpRanges.of(List.of()).contains("203.0.113.5")).isFalse();
    }
}
