package io.trackersuite.session.visits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import io.trackersuite.net.IpRanges;

/**
 * What kind of network a visit comes from. {@code hosting}: a cloud, hosting, CDN or data-centre network (its AS
 * is in {@code visits/hosting-asns.txt}, or its holder's name says hosting, data centre, colocation or servers).
 * {@code vpn}: a VPN operator's network ({@code visits/vpn-asns.txt}) or an address in the configured anonymizer
 * ranges (VPN, proxy and Tor exit lists).
 */
final class NetworkClassifier {

    /** How a visit's network is flagged. */
    record Verdict(boolean vpn, boolean hosting) {
    }

    // names of hosting businesses in the ASN data ("Webhosting Holdings", "H5 Data Centers", "Peachy Servers")
    private static final Pattern HOSTING_NAME = Pattern.compile(
            "hosting|data ?cent(er|re)|colocation|dedicated server|\\bservers\\b", Pattern.CASE_INSENSITIVE);

    private final Set<Integer> hostingSystems;
    private final Set<Integer> vpnSystems;
    private final IpRanges anonymizerRanges;

    NetworkClassifier(Set<Integer> hostingSystems, Set<Integer> vpnSystems, IpRanges anonymizerRanges) {
        this.hostingSystems = Set.copyOf(hostingSystems);
        this.vpnSystems = Set.copyOf(vpnSystems);
        this.anonymizerRanges = anonymizerRanges;
    }

    /** The lists shipped with the service, plus the configured anonymizer ranges. */
    static NetworkClassifier withShippedLists(IpRanges anonymizerRanges) {
        return new NetworkClassifier(asnList("visits/hosting-asns.txt"), asnList("visits/vpn-asns.txt"),
                anonymizerRanges);
    }

    Verdict classify(String ip, AsnDirectory.AutonomousSystem system) {
        boolean vpn = anonymizerRanges.contains(ip) || system != null && vpnSystems.contains(system.number());
        boolean hosting = system != null && (hostingSystems.contains(system.number())
                || system.organisation() != null && HOSTING_NAME.matcher(system.organisation()).find());
        return new Verdict(vpn, hosting);
    }

    int listedSystems() {
        return hostingSystems.size() + vpnSystems.size();
    }

    /** The AS numbers of a classpath list: the first word of each line; '#' starts a comment. */
    static Set<Integer> asnList(String resource) {
        InputStream in = NetworkClassifier.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the service's classpath");
        }
        Set<Integer> numbers = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    numbers.add(Integer.parseInt(entry.split("\\s+", 2)[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return numbers;
    }
}
