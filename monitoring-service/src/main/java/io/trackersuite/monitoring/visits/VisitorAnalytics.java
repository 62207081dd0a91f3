package io.trackersuite.monitoring.visits;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Per-address and per-page aggregates of counted visits (duplicates within the window left out, as the original
 * tracker stored only the visits it counted), for the original Node tracker's analytics endpoints. Every value is a
 * bind parameter.
 */
@ApplicationScoped
public class VisitorAnalytics {

    /** Pages listed per address in a fraud alert. */
    static final int PAGES_PER_ADDRESS = 20;

    private final EntityManager db;

    public VisitorAnalytics(EntityManager db) {
        this.db = db;
    }

    /**
     * One address over the period: the latest country, city and network holder ({@code isp}) seen, VPN if any
     * visit was.
     */
    public record AddressActivity(String ip, long visits, long pageCount, List<String> pages, String country,
            String city, boolean vpn, long userAgents, Instant firstSeen, Instant lastSeen, String isp) {
    }

    public record PageActivity(String page, long visits, long uniqueVisitors, long countries) {
    }

    public record Totals(long visits, long uniqueIps, long uniquePages, long uniqueCountries, long vpnVisits) {
    }

    /** The original's risk score: VPN 25, more than 10 visits 15, more than 3 pages 10. */
    static final String ANALYTICS_SCORE = """
            (case when bool_or(vpn) then 25 else 0 end) + (case when count(*) > 10 then 15 else 0 end)
            + (case when count(distinct page) > 3 then 10 else 0 end)""";

    /** The original's fraud score: VPN 25, more than 20 visits 30, more than 5 pages 25, more than 2 browsers 10. */
    static final String FRAUD_SCORE = """
            (case when bool_or(vpn) then 25 else 0 end) + (case when count(*) > 20 then 30 else 0 end)
            + (case when count(distinct page) > 5 then 25 else 0 end)
            + (case when count(distinct user_agent) > 2 then 10 else 0 end)""";

    private static final String PER_ADDRESS = """
            select ip, count(*) as visits, count(distinct page) as pages,
                   string_agg(distinct page, E'\\n'),
                   (array_agg(country order by visit_time desc))[1], (array_agg(city order by visit_time desc))[1],
                   bool_or(vpn), count(distinct user_agent), min(visit_time), max(visit_time), %s as score,
                   (array_agg(as_organization order by visit_time desc))[1]
            from visits where not duplicate and visit_time >= :since
            group by ip""";

    public Totals totals(Instant since) {
        Object[] row = (Object[]) db.createNativeQuery("""
                select count(*), count(distinct ip), count(distinct page), count(distinct country),
                       count(*) filter (where vpn)
                from visits where not duplicate and visit_time >= :since""")
                .setParameter("since", since).getSingleResult();
        return new Totals(number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]));
    }

    /** Addresses by the original's analytics score, then visits. */
    public List<Scored> byAnalyticsScore(Instant since, int offset, int limit) {
        return scored(ANALYTICS_SCORE, "", "score desc, visits desc, ip", since, offset, limit, null);
    }

    /** Addresses the original would alert on: score at least {@code minScore}, or 15+ visits, or 4+ pages. */
    public List<Scored> fraudAlerts(Instant since, int minScore, int offset, int limit) {
        return scored(FRAUD_SCORE, "where score >= :minScore or visits >= 15 or pages >= 4",
                "score desc, visits desc, ip", since, offset, limit, minScore);
    }

    /** Addresses by visits, the busiest first. */
    public List<Scored> busiest(Instant since, int limit) {
        return scored("0", "", "visits desc, ip", since, 0, limit, null);
    }

    public record Scored(AddressActivity activity, int score) {
    }

    public List<PageActivity> pages(Instant since, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = db.createNativeQuery("""
                select page, count(*), count(distinct ip), count(distinct country)
                from visits where not duplicate and visit_time >= :since
                group by page order by count(*) desc, page limit :limit""")
                .setParameter("since", since).setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new PageActivity((String) r[0], number(r[1]), number(r[2]), number(r[3])))
                .toList();
    }

    public List<Visit> recent(Instant since, int offset, int limit) {
        return db.createQuery("from Visit where duplicate = false and visitTime >= :since order by visitTime desc, id desc",
                Visit.class).setParameter("since", since).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    private List<Scored> scored(String score, String where, String order, Instant since, int offset, int limit,
            Integer minScore) {
        var query = db.createNativeQuery("select * from (" + PER_ADDRESS.formatted(score) + ") per_address " + where
                + " order by " + order + " offset :offset limit :limit")
                .setParameter("since", since).setParameter("offset", offset).setParameter("limit", limit);
        if (minScore != null) {
            query.setParameter("minScore", minScore);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Scored(new AddressActivity((String) r[0], number(r[1]), number(r[2]),
                r[3] == null ? List.of() : Arrays.stream(((String) r[3]).split("\n")).limit(PAGES_PER_ADDRESS).toList(),
                (String) r[4], (String) r[5], Boolean.TRUE.equals(r[6]), number(r[7]), instant(r[8]), instant(r[9]),
                (String) r[11]),
                (int) number(r[10]))).toList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof Timestamp t ? t.toInstant() : null;
    }
}
