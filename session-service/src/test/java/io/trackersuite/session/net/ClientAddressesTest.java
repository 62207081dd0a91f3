package io.trackersuite.session.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.trackersuite.net.ClientIp;

@Tag("unit")
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "::1/128"));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "203.0.113.5:4711|1.2.3.4|203.0.113.5",              // untrusted peer: header ignored
            "10.1.2.3:4711|null|10.1.2.3",                        // trusted peer, no header
            "10.1.2.3:4711|198.51.100.7|198.51.100.7",            // gateway in front of the client
            "10.1.2.3:4711|6.6.6.6, 198.51.100.7|198.51.100.7",   // spoofed left part is not believed
            "10.1.2.3:4711|198.51.100.7, 10.9.9.9|198.51.100.7",  // two trusted hops
            "10.1.2.3:4711|6.6.6.6, garbage|10.1.2.3",            // garbage: stop at the peer
            "[::1]:4711|2001:db8::7|2001:db8::7",
            "[::ffff:10.1.2.3]:4711|198.51.100.7|198.51.100.7",   // IPv4-mapped peer
    })
    void believesForwardedForOnlyFromTrustedProxies(String peer, String forwardedFor, String expected) {
        assertThat(addresses.clientIp(peer, forwardedFor)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "203.0.113.77,203.0.113.0/24", "2001:db8:1:2:3:4:5:6,2001:db8:1::/48", "junk,unknown" })
    void masksTheLastOctetOrTheLast80Bits(String ip, String masked) {
        assertThat(ClientIp.mask(ip)).isEqualTo(masked);
    }
}
