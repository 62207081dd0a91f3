package io.trackersuite.scanner.scans;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.trackersuite.api.InvalidParameterException;
import io.trackersuite.scanner.inventory.Regions;
import io.trackersuite.scanner.inventory.ResourceType;

/**
 * A validated inventory query: every value reaches SQL as a bound parameter, and sorting only through the fixed
 * column map, so no request text is ever spliced into the statement.
 */
public record ResourceFilter(List<ResourceType> types, List<String> regions, List<String> states, String tagKey,
        String tagValue, String nameContains, BigDecimal minCost, BigDecimal maxCost, String sort, boolean descending,
        int page, int size) {

    public static final int MAX_PAGE_SIZE = 500;
    /** No filter: every resource of the scan, in the default order. */
    public static final ResourceFilter EVERYTHING = new ResourceFilter(null, null, null, null, null, null, null, null,
            null, false, 0, MAX_PAGE_SIZE);
    /** Monthly costs are stored with 4 decimals and stay far below this: a bound keeps comparisons meaningful. */
    static final BigDecimal MAX_COST = new BigDecimal("1000000000000");
    private static final int COST_DECIMALS = 4;

    private static final Map<String, String> SORTABLE = Map.of(
            "name", "name", "type", "resource_type", "region", "region", "state", "state",
            "monthly_cost", "monthly_cost", "created_at", "created_at", "id", "resource_id");

    public ResourceFilter {
        types = types == null ? List.of() : types;
        regions = regions == null ? List.of() : regions;
        states = states == null ? List.of() : states;
        noNul("tag", tagKey);
        noNul("tag", tagValue);
        noNul("name", nameContains);
        states.forEach(state -> noNul("state", state));
        for (String region : regions) {
            if (!Regions.isKnown(region) && !ResourceType.GLOBAL_REGION.equals(region)) {
                throw new InvalidParameterException("region", "unknown region '" + region + "'");
            }
        }
        checkCost("min_cost", minCost);
        checkCost("max_cost", maxCost);
        if (minCost != null && maxCost != null && minCost.compareTo(maxCost) > 0) {
            throw new InvalidParameterException("min_cost", "min_cost is above max_cost");
        }
        if (sort != null && !SORTABLE.containsKey(sort)) {
            throw new InvalidParameterException("sort", "sort must be one of " + SORTABLE.keySet());
        }
        if (page < 0) {
            throw new InvalidParameterException("page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidParameterException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    /** Scale and digits are checked before any arithmetic: 1e-999999999 or 1e131072 never reach a comparison. */
    private static void checkCost(String parameter, BigDecimal cost) {
        if (cost == null) {
            return;
        }
        if (cost.scale() > COST_DECIMALS && cost.stripTrailingZeros().scale() > COST_DECIMALS) {
            throw new InvalidParameterException(parameter, parameter + " takes at most " + COST_DECIMALS + " decimals");
        }
        if (cost.precision() - cost.scale() > MAX_COST.precision() || cost.compareTo(MAX_COST) > 0) {
            throw new InvalidParameterException(parameter, parameter + " must be at most " + MAX_COST.toPlainString());
        }
        if (cost.signum() < 0) {
            throw new InvalidParameterException(parameter, parameter + " must not be negative");
        }
    }

    /** PostgreSQL text cannot hold NUL: such a value can match nothing, and is refused rather than failing in SQL. */
    static String noNul(String parameter, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new InvalidParameterException(parameter, parameter + " must not contain NUL characters");
        }
        return value;
    }

    String whereClause(UUID scan, List<Object> args) {
        StringBuilder where = new StringBuilder("scan_id = ?");
        args.add(scan);
        if (!types.isEmpty()) {
            where.append(" AND resource_type = ANY (?)");
            args.add(types.stream().map(ResourceType::id).toArray(String[]::new));
        }
        if (!regions.isEmpty()) {
            where.append(" AND region = ANY (?)");
            args.add(regions.toArray(String[]::new));
        }
        if (!states.isEmpty()) {
            where.append(" AND state = ANY (?)");
            args.add(states.stream().map(String::toLowerCase).toArray(String[]::new));
        }
        if (tagKey != null) {
            if (tagValue != null) {
                where.append(" AND tags ->> ? = ?");
                args.add(tagKey);
                args.add(tagValue);
            } else {
                where.append(" AND jsonb_exists(tags, ?)");
                args.add(tagKey);
            }
        }
        if (nameContains != null) {
            where.append(" AND (strpos(lower(name), lower(?)) > 0 OR strpos(lower(resource_id), lower(?)) > 0)");
            args.add(nameContains);
            args.add(nameContains);
        }
        if (minCost != null) {
            where.append(" AND monthly_cost >= ?");
            args.add(minCost);
        }
        if (maxCost != null) {
            where.append(" AND monthly_cost <= ?");
            args.add(maxCost);
        }
        return where.toString();
    }

    String orderBy() {
        String column = SORTABLE.getOrDefault(sort == null ? "type" : sort, "resource_type");
        String direction = descending ? " DESC NULLS LAST" : " ASC NULLS LAST";
        return column + direction + ", resource_type, region, resource_id";
    }
}
