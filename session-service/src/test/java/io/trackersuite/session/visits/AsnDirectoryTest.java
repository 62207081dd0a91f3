package io.trackersuite.session.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.trackersuite.net.IpRanges;

/** The ASN ranges and the hosting/VPN verdict, from files in the downloaded data's layout. */
@Tag("unit")
class AsnDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void findsTheRangeHoldingAnAddressInBothFamiliesAndNothingBetweenRanges() throws IOException {
        AsnDirectory directory = AsnDirectory.load(List.of(file("v4.csv", """
                8.8.8.0,8.8.8.255,15169,Google LLC
                1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
                8.8.4.0,8.8.4.255,15169,Google LLC
                not,a,range
                255.255.255.0,255.255.255.255,64512,Last
                """), file("v6.csv", """
                2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC
                ::,::ff,64513,First
                """)));

        assertThat(directory.find("8.8.8.8")).isEqualTo(new AsnDirectory.AutonomousSystem(15169, "Google LLC"));
        assertThat(directory.find("1.0.0.0").organisation()).isEqualTo("Cloudflare, Inc.");
        assertThat(directory.find("1.0.0.255").number()).isEqualTo(13335);
        assertThat(directory.find("255.255.255.255").number()).isEqualTo(64512);
        assertThat(directory.find("2001:4860:4860::8888").number()).isEqualTo(15169);
        assertThat(directory.find("::1").number()).isEqualTo(64513);
        // IPv4-mapped IPv6 is the IPv4 address; an IPv4 range never answers for an IPv6 address
        assertThat(directory.find("::ffff:8.8.4.4").number()).isEqualTo(15169);
        assertThat(directory.find("1.0.1.0")).isNull();
        assertThat(directory.find("8.8.5.1")).isNull();
        assertThat(directory.find("2001:4861::1")).isNull();
        assertThat(directory.find("not an address")).isNull();
        assertThat(directory.find("8.8.8.0/24")).isNull();
    }

    @Test
    void rangesGivenAsNumbersAreReadLikeAddressesAndPrivateUseNumbersAreLeftOut() throws IOException {
        AsnDirectory directory = AsnDirectory.load(List.of(file("v4-num.csv", """
                134744064,134744319,15169,Google LLC
                1737150976,1737151231,4294967294,AS4294967294
                """), file("v6-num.csv", """
                42541956101370907050197289607612071936,42541956180599069564461627201156022271,15169,Google LLC
                """)));

        assertThat(directory.find("8.8.8.8").number()).isEqualTo(15169); // 134744072
        assertThat(directory.find("2001:4860:4860::8888").number()).isEqualTo(15169);
        assertThat(directory.find("103.138.210.1")).isNull(); // a private-use AS number names no network
    }

    @Test
    void aMissingFileStopsTheStartWithItsName() {
        assertThatThrownBy(() -> AsnDirectory.load(List.of(dir.resolve("absent.csv"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.csv");
    }

    @Test
    void hostingAndVpnComeFromTheListedNetworksTheHoldersNameAndTheConfiguredRanges() {
        NetworkClassifier classifier = new NetworkClassifier(Set.of(16509), Set.of(39351),
                IpRanges.of(List.of("203.0.113.0/24")));

        assertThat(classifier.classify("52.1.1.1", new AsnDirectory.AutonomousSystem(16509, "Amazon.com, Inc.")))
                .isEqualTo(new NetworkClassifier.Verdict(false, true));
        assertThat(classifier.classify("193.138.218.1", new AsnDirectory.AutonomousSystem(39351, "31173 Services AB")))
                .isEqualTo(new NetworkClassifier.Verdict(true, false));
        assertThat(classifier.classify("192.0.2.1", new AsnDirectory.AutonomousSystem(64500, "Webhosting Holdings")))
                .isEqualTo(new NetworkClassifier.Verdict(false, true));
        assertThat(classifier.classify("192.0.2.1", new AsnDirectory.AutonomousSystem(64501, "Deutsche Telekom AG")))
                .isEqualTo(new NetworkClassifier.Verdict(false, false));
        assertThat(classifier.classify("203.0.113.7", null)).isEqualTo(new NetworkClassifier.Verdict(true, false));
        assertThat(classifier.classify("198.51.100.1", null)).isEqualTo(new NetworkClassifier.Verdict(false, false));
    }

    @Test
    void theShippedListsNameTheBigCloudsAndVpnOperators() {
        assertThat(NetworkClassifier.asnList("visits/hosting-asns.txt")).contains(16509, 15169, 8075, 14061, 24940);
        assertThat(NetworkClassifier.asnList("visits/vpn-asns.txt")).contains(136787, 39351, 209103)
                .doesNotContainAnyElementsOf(NetworkClassifier.asnList("visits/hosting-asns.txt"));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
