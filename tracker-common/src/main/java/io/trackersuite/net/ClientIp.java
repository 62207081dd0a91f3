package io.trackersuite.net;

import inet.ipaddr.IPAddress;

/**
 * The client's IP behind reverse proxies: the direct peer, unless that peer is one of our trusted proxies (the
 * gateway, the load balancer), in which case the right-most {@code X-Forwarded-For} entry that is not itself a
 * trusted proxy. A client can put anything in that header, so entries left of the first untrusted hop are never
 * believed.
 */
public final class ClientIp {

    private ClientIp() {
    }

    /**
     * @param peer the TCP peer, as "host", "host:port" or "[v6]:port"
     * @param forwardedFor the X-Forwarded-For header, or null
     */
    public static String resolve(IpRanges trustedProxies, String peer, String forwardedFor) {
        String peerIp = normalise(stripPort(peer));
        if (peerIp == null || forwardedFor == null || !trustedProxies.contains(peerIp)) {
            return peerIp == null ? "unknown" : peerIp;
        }
        String[] hops = forwardedFor.split(",");
        String client = peerIp;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normalise(hops[i]);
            if (hop == null) {
                break; // garbage in the chain: trust nothing further left
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        return client;
    }

    /** Canonical text of an address ("::1", "203.0.113.7"), or null when it is not one. */
    public static String normalise(String text) {
        if (isCanonicalIpv4(text)) {
            return text; // what sockets report for nearly every client: no parsing on each request
        }
        IPAddress address = IpRanges.parse(text);
        return address == null ? null : address.withoutPrefixLength().toCanonicalString();
    }

    /**
     * What other visitors see when privacy mode is on: the /24 (IPv4) or /48 (IPv6) block, i.e. the last octet or
     * the last 80 bits hidden.
     */
    public static String mask(String ip) {
        IPAddress address = IpRanges.parse(ip);
        if (address == null) {
            return "unknown";
        }
        return address.toPrefixBlock(address.isIPv4() ? 24 : 48).toCanonicalString();
    }

    /** Dotted-quad IPv4 as sockets print it: four decimal numbers 0-255 without leading zeros. */
    static boolean isCanonicalIpv4(String text) {
        if (text == null || text.length() < 7 || text.length() > 15) {
            return false;
        }
        int parts = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? '.' : text.charAt(i);
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) {
                    return false;
                }
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (value == 0 || digits == 3) {
                    return false; // a leading zero ("010") is not how the address is written canonically
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    public static String stripPort(String peer) {
        if (peer == null) {
            return null;
        }
        if (peer.startsWith("[")) {
            int end = peer.indexOf(']');
            return end < 0 ? peer : peer.substring(1, end);
        }
        int colon = peer.lastIndexOf(':');
        // one colon: IPv4 with a port; several: a bare IPv6 address, possibly with ":port" after 8 groups
        if (colon > 0 && peer.indexOf(':') == colon) {
            return peer.substring(0, colon);
        }
        if (colon > 0 && IpRanges.parse(peer) == null) {
            return peer.substring(0, colon);
        }
        return peer;
    }
}
