package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.families.ResourceTypes;

/**
 * The resource rows of scans, in plain JDBC: a scan writes thousands of rows in batches while it runs, and the
 * filters (JSONB tags, cost ranges, free sorting) are SQL the entity layer would only wrap.
 */
@ApplicationScoped
public class ScanStore {

    static final String COLUMNS = "resource_type, region, resource_id, arn, name, state, created_at, tags, metadata, "
            + "monthly_cost, cost_basis";

    private final DataSource db;
    private final ObjectMapper json;
    private final ResourceTypes types;

    public ScanStore(DataSource db, ObjectMapper json, ResourceTypes types) {
        this.db = db;
        this.types = types;
        this.json = json;
    }

    public void insertResources(UUID scan, List<CloudResource> resources) {
        String sql = "INSERT INTO scan_resource (scan_id, " + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?::jsonb,?::jsonb,?,?) "
                + "ON CONFLICT DO NOTHING";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (CloudResource r : resources) {
                ps.setObject(1, scan);
                ps.setString(2, r.type().id());
                ps.setString(3, r.region());
                ps.setString(4, r.id());
                ps.setString(5, r.arn());
                ps.setString(6, r.name());
                ps.setString(7, r.state());
                ps.setTimestamp(8, r.createdAt() == null ? null : Timestamp.from(r.createdAt()));
                ps.setString(9, json.writeValueAsString(r.tags()));
                ps.setString(10, json.writeValueAsString(r.metadata()));
                if (r.monthlyCost() == null) {
                    ps.setNull(11, Types.NUMERIC);
                } else {
                    ps.setBigDecimal(11, r.monthlyCost());
                }
                ps.setString(12, r.costBasis());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store resources of scan " + scan, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable resource detail", e);
        }
    }

    public void insertErrors(UUID scan, List<ScanError> errors) {
        String sql = "INSERT INTO scan_error (scan_id, region, service, resource_type, error_code, message) "
                + "VALUES (?,?,?,?,?,?)";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (ScanError e : errors) {
                ps.setObject(1, scan);
                ps.setString(2, e.region());
                ps.setString(3, e.service());
                ps.setString(4, e.resourceType());
                ps.setString(5, e.errorCode());
                ps.setString(6, e.message());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store errors of scan " + scan, e);
        }
    }

    public List<ScanError> errors(UUID scan) {
        List<ScanError> errors = new ArrayList<>();
        query("SELECT region, service, resource_type, error_code, message FROM scan_error WHERE scan_id = ? ORDER BY id",
                List.of(scan), rs -> errors.add(new ScanError(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))));
        return errors;
    }

    /** One page of a scan's resources matching the filter, with the count and cost of all matches. */
    public ResourcePage resources(UUID scan, ResourceFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = filter.whereClause(scan, args);
        long[] total = new long[1];
        BigDecimal[] cost = new BigDecimal[1];
        query("SELECT count(*), coalesce(sum(monthly_cost), 0) FROM scan_resource WHERE " + where, args, rs -> {
            total[0] = rs.getLong(1);
            cost[0] = rs.getBigDecimal(2);
        });
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(filter.size());
        pageArgs.add((long) filter.page() * filter.size());
        List<CloudResource> items = new ArrayList<>();
        query("SELECT " + COLUMNS + " FROM scan_resource WHERE " + where + " ORDER BY " + filter.orderBy()
                + " LIMIT ? OFFSET ?", pageArgs, rs -> items.add(resource(rs)));
        return new ResourcePage(items, filter.page(), filter.size(), total[0], cost[0]);
    }

    /**
     * Every resource of a scan matching the filter ({@link ResourceFilter#EVERYTHING} for all), in its order, in one query:
     * the filter's page and size do not apply.
     */
    public List<CloudResource> allResources(UUID scan, ResourceFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = filter.whereClause(scan, args);
        List<CloudResource> items = new ArrayList<>();
        query("SELECT " + COLUMNS + " FROM scan_resource WHERE " + where + " ORDER BY " + filter.orderBy(), args,
                rs -> items.add(resource(rs)));
        return items;
    }

    /** Monthly cost totals of a scan by type, by region and, if a tag key is given, by that tag's values. */
    public CostTotals costs(UUID scan, String tagKey) {
        Map<String, BigDecimal> byType = sums("resource_type", scan, List.of());
        Map<String, BigDecimal> byRegion = sums("region", scan, List.of());
        Map<String, BigDecimal> byTag = tagKey == null ? null
                : sums("coalesce(tags ->> ?, '(untagged)')", scan, List.of(tagKey));
        long[] usageBased = new long[1];
        BigDecimal[] total = new BigDecimal[1];
        query("SELECT coalesce(sum(monthly_cost), 0), count(*) FILTER (WHERE monthly_cost IS NULL) "
                + "FROM scan_resource WHERE scan_id = ?", List.of(scan), rs -> {
                    total[0] = rs.getBigDecimal(1);
                    usageBased[0] = rs.getLong(2);
                });
        return new CostTotals(total[0], byType, byRegion, tagKey, byTag, usageBased[0]);
    }

    /** What changed between two scans: resources new in {@code to}, gone since {@code from}, and changed ones. */
    public ScanDiff diff(UUID from, UUID to, int limit) {
        List<CloudResource> added = new ArrayList<>();
        List<CloudResource> gone = new ArrayList<>();
        List<ScanDiff.Change> changed = new ArrayList<>();
        String key = "USING (resource_type, region, resource_id)";
        query("SELECT " + prefixed("b") + " FROM (SELECT * FROM scan_resource WHERE scan_id = ?) b "
                + "LEFT JOIN (SELECT * FROM scan_resource WHERE scan_id = ?) a " + key
                + " WHERE a.scan_id IS NULL ORDER BY 1, 2, 3 LIMIT ?", List.of(to, from, limit),
                rs -> added.add(resource(rs)));
        query("SELECT " + prefixed("a") + " FROM (SELECT * FROM scan_resource WHERE scan_id = ?) a "
                + "LEFT JOIN (SELECT * FROM scan_resource WHERE scan_id = ?) b " + key
                + " WHERE b.scan_id IS NULL ORDER BY 1, 2, 3 LIMIT ?", List.of(from, to, limit),
                rs -> gone.add(resource(rs)));
        query("SELECT " + prefixed("b") + ", a.state, a.tags, a.monthly_cost FROM "
                + "(SELECT * FROM scan_resource WHERE scan_id = ?) a JOIN (SELECT * FROM scan_resource WHERE scan_id = ?) b "
                + key + " WHERE a.state IS DISTINCT FROM b.state OR a.tags <> b.tags "
                + "OR a.monthly_cost IS DISTINCT FROM b.monthly_cost ORDER BY 1, 2, 3 LIMIT ?", List.of(from, to, limit),
                rs -> {
                    CloudResource now = resource(rs);
                    BigDecimal before = rs.getBigDecimal(14);
                    changed.add(new ScanDiff.Change(now, rs.getString(12), readTags(rs.getString(13)),
                            before == null || now.monthlyCost() == null ? null : now.monthlyCost().subtract(before)));
                });
        long[] counts = new long[3];
        query("SELECT count(*) FILTER (WHERE a.scan_id IS NULL), count(*) FILTER (WHERE b.scan_id IS NULL), "
                + "count(*) FILTER (WHERE a.scan_id IS NOT NULL AND b.scan_id IS NOT NULL AND "
                + "(a.state IS DISTINCT FROM b.state OR a.tags <> b.tags OR a.monthly_cost IS DISTINCT FROM b.monthly_cost)) "
                + "FROM (SELECT * FROM scan_resource WHERE scan_id = ?) a FULL JOIN "
                + "(SELECT * FROM scan_resource WHERE scan_id = ?) b " + key, List.of(from, to), rs -> {
                    counts[0] = rs.getLong(1);
                    counts[1] = rs.getLong(2);
                    counts[2] = rs.getLong(3);
                });
        return new ScanDiff(from, to, counts[0], counts[1], counts[2], added, gone, changed);
    }

    private Map<String, BigDecimal> sums(String groupExpression, UUID scan, List<Object> groupArgs) {
        List<Object> args = new ArrayList<>(groupArgs);
        args.add(scan);
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        query("SELECT " + groupExpression + " AS k, coalesce(sum(monthly_cost), 0) AS cost FROM scan_resource "
                + "WHERE scan_id = ? GROUP BY k ORDER BY cost DESC, k", args,
                rs -> sums.put(rs.getString(1), rs.getBigDecimal(2)));
        return sums;
    }

    private static String prefixed(String alias) {
        return "resource_type, region, resource_id, " + alias + ".arn, " + alias + ".name, " + alias + ".state, "
                + alias + ".created_at, " + alias + ".tags, " + alias + ".metadata, " + alias + ".monthly_cost, "
                + alias + ".cost_basis";
    }

    private CloudResource resource(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(7);
        return new CloudResource(rs.getString(3), rs.getString(4), rs.getString(5),
                types.parse(rs.getString(1)).orElseThrow(), rs.getString(2), rs.getString(6),
                created == null ? null : created.toInstant(), readTags(rs.getString(8)), readMap(rs.getString(9)),
                rs.getBigDecimal(10), rs.getString(11));
    }

    private Map<String, String> readTags(String value) {
        try {
            return json.readValue(value, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tags column", e);
        }
    }

    private Map<String, Object> readMap(String value) {
        try {
            return json.readValue(value, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable metadata column", e);
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> args, RowReader reader) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scan query failed", e);
        }
    }
}
