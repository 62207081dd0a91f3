package io.trackersuite.net;

import java.util.Collection;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6AddressTrie;

/** A set of CIDR blocks (IPv4 and IPv6) with a prefix-trie lookup, so long provider lists stay cheap to test. */
public final class IpRanges {

    private final IPv4AddressTrie v4 = new IPv4AddressTrie();
    private final IPv6AddressTrie v6 = new IPv6AddressTrie();
    private int size;

    /** @throws IllegalArgumentException naming the first entry that is not an address or CIDR block */
    public static IpRanges of(Collection<String> cidrs) {
        IpRanges ranges = new IpRanges();
        cidrs.forEach(ranges::add);
        return ranges;
    }

    public void add(String cidr) {
        IPAddress block = parse(cidr.trim());
        if (block == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + cidr + "'");
        }
        block = block.toPrefixBlock();
        if (block.isIPv4()) {
            v4.add(block.toIPv4());
        } else {
            v6.add(block.toIPv6());
        }
        size++;
    }

    public boolean contains(String ip) {
        if (size == 0) {
            return false;
        }
        IPAddress address = parse(ip);
        if (address == null) {
            return false;
        }
        return address.isIPv4() ? v4.elementContains(address.toIPv4()) : v6.elementContains(address.toIPv6());
    }

    public int size() {
        return size;
    }

    /** An address or block; IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes IPv4. Null when not an address. */
    public static IPAddress parse(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return null;
        }
        IPAddress address = new IPAddressString(text.trim()).getAddress();
        if (address == null) {
            return null;
        }
        if (address.isIPv6() && address.isIPv4Convertible() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv4();
        }
        return address;
    }
}
