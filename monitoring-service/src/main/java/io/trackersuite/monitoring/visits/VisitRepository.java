package io.trackersuite.monitoring.visits;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.trackersuite.monitoring.api.Cursor;
import io.trackersuite.monitoring.api.FilterQuery;

/** Visit history and the figures of the summary; filter values are always bind parameters. */
@ApplicationScoped
public class VisitRepository implements PanacheRepository<Visit> {

    public record VisitFilter(String ip, String country, Boolean vpn, Boolean hosting, Integer asn, Instant from,
            Instant to) {
    }

    public record CountryCount(String country, long visits) {
    }

    /** Counted visits from one autonomous system; {@code asn} null gathers the visits of unknown networks. */
    public record NetworkCount(Integer asn, String organization, boolean hosting, long visits) {
    }

    public record FraudAlert(String kind, String subject, long count, List<String> values) {
    }

    public List<Visit> history(VisitFilter filter, Cursor after, int limit) {
        FilterQuery query = new FilterQuery("1 = 1", "visitTime")
                .and("ip = :ip", "ip", filter.ip())
                .and("country = :country", "country", filter.country())
                .and("vpn = :vpn", "vpn", filter.vpn())
                .and("hosting = :hosting", "hosting", filter.hosting())
                .and("asn = :asn", "asn", filter.asn())
                .and("visitTime >= :from", "from", filter.from())
                .and("visitTime < :to", "to", filter.to())
                .after(after);
        return find(query.newestFirst(), query.parameters()).page(0, limit).list();
    }

    /** [counted visits, suppressed duplicates, VPN visits, distinct IPs, hosting visits] since the instant. */
    public long[] totalsSince(Instant since) {
        Object[] row = (Object[]) getEntityManager().createQuery("""
                select coalesce(sum(case when v.duplicate = false then 1 else 0 end), 0),
                       coalesce(sum(case when v.duplicate = true then 1 else 0 end), 0),
                       coalesce(sum(case when v.duplicate = false and v.vpn = true then 1 else 0 end), 0),
                       count(distinct v.ip),
                       coalesce(sum(case when v.duplicate = false and v.hosting = true then 1 else 0 end), 0)
                from Visit v where v.visitTime >= :since""").setParameter("since", since).getSingleResult();
        return new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue() };
    }

    /** The networks most counted visits came from, the busiest first. */
    public List<NetworkCount> byNetworkSince(Instant since, int limit) {
        return getEntityManager().createQuery("""
                select v.asn, max(v.asOrganization), max(case when v.hosting = true then 1 else 0 end), count(v)
                from Visit v where v.visitTime >= :since and v.duplicate = false
                group by v.asn order by count(v) desc, v.asn""", Object[].class)
                .setParameter("since", since).setMaxResults(limit).getResultList().stream()
                .map(row -> new NetworkCount((Integer) row[0], (String) row[1], ((Number) row[2]).intValue() == 1,
                        (Long) row[3])).toList();
    }

    public List<CountryCount> byCountrySince(Instant since) {
        return getEntityManager().createQuery("""
                select coalesce(v.country, '??'), count(v) from Visit v
                where v.visitTime >= :since and v.duplicate = false
                group by coalesce(v.country, '??') order by count(v) desc, coalesce(v.country, '??')""", Object[].class)
                .setParameter("since", since).getResultList().stream()
                .map(row -> new CountryCount((String) row[0], (Long) row[1])).toList();
    }

    /** IPs from which many distinct users logged in within the window. */
    public List<FraudAlert> manyUsersFromOneIp(Instant since, int threshold) {
        return getEntityManager().createQuery("""
                select s.ip, count(distinct s.username) from io.trackersuite.monitoring.sessions.UserSession s
                where s.loginTime >= :since and s.ip is not null
                group by s.ip having count(distinct s.username) >= :threshold
                order by count(distinct s.username) desc""", Object[].class)
                .setParameter("since", since).setParameter("threshold", (long) threshold).getResultList().stream()
                .map(row -> new FraudAlert("MANY_USERS_ONE_IP", (String) row[0], (Long) row[1], List.of())).toList();
    }

    /** Users whose logins came from many countries (country of the login IP, as geolocated for visits). */
    public List<FraudAlert> oneUserManyCountries(Instant since, int threshold) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select s.username, count(distinct v.country), string_agg(distinct v.country, ',')
                from user_sessions s
                join lateral (select country from visits where ip = s.ip and country is not null limit 1) v on true
                where s.login_time >= :since
                group by s.username having count(distinct v.country) >= :threshold
                order by count(distinct v.country) desc""", Object[].class)
                .setParameter("since", since).setParameter("threshold", threshold).getResultList();
        return rows.stream().map(row -> new FraudAlert("ONE_USER_MANY_COUNTRIES", (String) row[0],
                ((Number) row[1]).longValue(), List.of(((String) row[2]).split(",")))).toList();
    }

    public long deleteBefore(Instant cutoff) {
        return delete("visitTime < ?1", cutoff);
    }
}
