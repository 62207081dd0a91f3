package io.trackersuite.session.visits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import inet.ipaddr.IPAddress;
import io.trackersuite.net.IpRanges;

/**
 * The autonomous system (number and organisation) announcing an address, from CSV range files in ip-location-db's
 * asn layout: {@code first,last,AS number,organisation}, one inclusive range per line, IPv4 and IPv6 in any file.
 * First and last are addresses ({@code asn-ipv4.csv}) or, read several times faster, numbers ({@code *-num.csv}, what
 * ip-data.sh fetches: a number below 2^32 is IPv4). Held as sorted primitive arrays (about 30 bytes per range), so a
 * lookup is a binary search.
 */
final class AsnDirectory {

    /** An autonomous system: its number and the organisation that holds it. */
    record AutonomousSystem(int number, String organisation) {
    }

    private static final Logger LOG = Logger.getLogger(AsnDirectory.class);
    /** ::ffff:0:0, the prefix under which IPv4 addresses are kept (as IPv4-mapped IPv6). */
    private static final long IPV4_MAPPED = 0xFFFF_0000_0000L;

    private final Ranges ranges = new Ranges();
    private final Map<Integer, AutonomousSystem> systems = new HashMap<>();

    private AsnDirectory() {
    }

    /** No ranges: every address is unknown. */
    static AsnDirectory empty() {
        return new AsnDirectory();
    }

    static AsnDirectory load(List<Path> files) {
        AsnDirectory directory = new AsnDirectory();
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        for (Path file : files) {
            int skipped = 0;
            try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(file.toFile())) {
                while (rows.hasNext()) {
                    String[] row = rows.next();
                    if (!directory.add(row)) {
                        skipped++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new UncheckedIOException("cannot read the ASN ranges in " + file
                        + " (deploy/local/ip-data.sh downloads them)", e instanceof IOException io ? io
                                : new IOException(e.getMessage(), e));
            }
            if (skipped > 0) {
                LOG.warnf("%s: %d lines are not 'first,last,asn,organisation' ranges and were skipped", file, skipped);
            }
        }
        directory.ranges.sort();
        LOG.infof("%d address ranges of %d autonomous systems loaded", directory.ranges.size(),
                directory.systems.size());
        return directory;
    }

    /** The autonomous system of the address, or null when no range holds it (private, reserved, unrouted). */
    AutonomousSystem find(String ip) {
        IPAddress address = IpRanges.parse(ip);
        if (address == null || address.isPrefixed()) {
            return null;
        }
        long[] words = words(address.getValue(), address.isIPv4());
        int number = ranges.find(words[0], words[1]);
        return number == 0 ? null : systems.get(number);
    }

    private boolean add(String[] row) {
        if (row.length < 3) {
            return false;
        }
        long asn;
        try {
            asn = Long.parseLong(row[2].strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (asn > Integer.MAX_VALUE && asn <= 0xFFFF_FFFFL) {
            return true; // the 32-bit private-use numbers (4200000000 and up) name no public network: left out
        }
        long[] first = bound(row[0]);
        long[] last = bound(row[1]);
        if (asn <= 0 || asn > Integer.MAX_VALUE || first == null || last == null || ipv4(first) != ipv4(last)
                || Ranges.compare(first[0], first[1], last[0], last[1]) > 0) {
            return false;
        }
        int number = (int) asn;
        // one record per AS, shared by all its ranges; the first organisation name seen wins
        systems.computeIfAbsent(number, n -> new AutonomousSystem(n, row.length > 3 && !row[3].isBlank()
                ? row[3].strip() : null));
        ranges.add(first[0], first[1], last[0], last[1], number);
        return true;
    }

    /**
     * A range bound as its 128-bit words {high, low}, IPv4 in its IPv4-mapped form: an address, or a decimal number
     * (below 2^32 an IPv4 address; read without BigInteger, the common case). Null when it is neither.
     */
    private static long[] bound(String text) {
        if (!isNumber(text)) {
            IPAddress address = IpRanges.parse(text);
            return address == null || address.isPrefixed() ? null : words(address.getValue(), address.isIPv4());
        }
        long small = text.length() <= 10 ? Long.parseLong(text) : Long.MAX_VALUE;
        if (small <= 0xFFFF_FFFFL) {
            return ipv4Words(small);
        }
        BigInteger value = new BigInteger(text);
        return value.bitLength() > 128 ? null : words(value, false);
    }

    private static long[] words(BigInteger address, boolean ipv4) {
        return ipv4 ? ipv4Words(address.longValue())
                : new long[] { address.shiftRight(64).longValue(), address.longValue() };
    }

    private static long[] ipv4Words(long address) {
        return new long[] { 0, IPV4_MAPPED | address };
    }

    private static boolean ipv4(long[] words) {
        return words[0] == 0 && (words[1] >>> 32) == 0xFFFF;
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 39) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Inclusive ranges as 128-bit bounds in parallel arrays, sorted by first address. IPv4 is kept as its
     * IPv4-mapped IPv6 form (::ffff:a.b.c.d), so both families share one order.
     */
    private static final class Ranges {
        private long[] firstHigh = new long[1024];
        private long[] firstLow = new long[1024];
        private long[] lastHigh = new long[1024];
        private long[] lastLow = new long[1024];
        private int[] numbers = new int[1024];
        private int size;

        void add(long firstHighWord, long firstLowWord, long lastHighWord, long lastLowWord, int number) {
            if (size == numbers.length) {
                int capacity = size * 2;
                firstHigh = Arrays.copyOf(firstHigh, capacity);
                firstLow = Arrays.copyOf(firstLow, capacity);
                lastHigh = Arrays.copyOf(lastHigh, capacity);
                lastLow = Arrays.copyOf(lastLow, capacity);
                numbers = Arrays.copyOf(numbers, capacity);
            }
            firstHigh[size] = firstHighWord;
            firstLow[size] = firstLowWord;
            lastHigh[size] = lastHighWord;
            lastLow[size] = lastLowWord;
            numbers[size++] = number;
        }

        void sort() {
            if (sorted()) {
                return; // the published files are in address order: nothing to do
            }
            Integer[] order = new Integer[size];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> compare(firstHigh[a], firstLow[a], firstHigh[b], firstLow[b]));
            firstHigh = permute(firstHigh, order);
            firstLow = permute(firstLow, order);
            lastHigh = permute(lastHigh, order);
            lastLow = permute(lastLow, order);
            int[] sortedNumbers = new int[size];
            for (int i = 0; i < size; i++) {
                sortedNumbers[i] = numbers[order[i]];
            }
            numbers = sortedNumbers;
        }

        int size() {
            return size;
        }

        private boolean sorted() {
            for (int i = 1; i < size; i++) {
                if (compare(firstHigh[i - 1], firstLow[i - 1], firstHigh[i], firstLow[i]) > 0) {
                    return false;
                }
            }
            return true;
        }

        /** The AS number of the last range starting at or before the address, if it also ends at or after it; else 0. */
        int find(long high, long low) {
            int lo = 0;
            int hi = size - 1;
            int candidate = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (compare(firstHigh[mid], firstLow[mid], high, low) <= 0) {
                    candidate = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return candidate >= 0 && compare(lastHigh[candidate], lastLow[candidate], high, low) >= 0
                    ? numbers[candidate] : 0;
        }

        private long[] permute(long[] values, Integer[] order) {
            long[] sorted = new long[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = values[order[i]];
            }
            return sorted;
        }

        static int compare(long highA, long lowA, long highB, long lowB) {
            int byHigh = Long.compareUnsigned(highA, highB);
            return byHigh != 0 ? byHigh : Long.compareUnsigned(lowA, lowB);
        }
    }
}
