package io.trackersuite.scanner.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.trackersuite.scanner.inventory.CloudResource;

/**
 * Estimated monthly cost of one resource from the price catalogue. Only what the inventory shows is priced (hours a
 * resource exists, provisioned size); usage-based charges (requests, data transfer, Lambda invocations) are never
 * guessed: such resources get no figure and a basis saying so.
 */
@ApplicationScoped
public class CostEstimator {

    public static final String USAGE_BASED = "usage-based: depends on requests and data transfer, not estimated";
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    private final PriceCatalogue prices;

    public CostEstimator() {
        this(PriceCatalogue.load());
    }

    CostEstimator(PriceCatalogue prices) {
        this.prices = prices;
    }

    public PriceCatalogue catalogue() {
        return prices;
    }

    public CloudResource estimate(CloudResource r) {
        Estimate e = switch (r.type()) {
            case EC2_INSTANCE -> ec2(r);
            case EBS_VOLUME -> ebs(r);
            case EBS_SNAPSHOT -> perGb(r, number(r, "volume_size_gb"),
                    prices.snapshotGbMonth().get("archive".equals(text(r, "storage_tier")) ? "archive" : "standard"),
                    "snapshot storage, upper bound: full volume size (incremental blocks are not visible)");
            case ELASTIC_IP -> hourly(r, prices.publicIpv4Hourly(), "public IPv4 address hours (charged since 2024 whether attached or idle)");
            case NAT_GATEWAY -> running(r, "available", "pending")
                    ? hourly(r, prices.natGatewayHourly(), "NAT gateway hours; data processed is usage-based")
                    : free("not billed in state " + r.state());
            case LOAD_BALANCER, CLASSIC_LOAD_BALANCER -> loadBalancer(r);
            case RDS_INSTANCE -> rds(r);
            case S3_BUCKET -> s3(r);
            case LOG_GROUP -> perGb(r, bytesAsGb(number(r, "stored_bytes")), prices.logsGbMonth(),
                    "stored log data; ingestion is usage-based");
            case DYNAMODB_TABLE -> dynamo(r);
            case EKS_CLUSTER -> hourly(r, prices.eksClusterHourly(), "EKS control plane hours; nodes are priced as EC2 instances");
            case ELASTICACHE_CLUSTER -> elastiCache(r);
            case LAMBDA_FUNCTION -> new Estimate(null, USAGE_BASED);
            case VPC, SECURITY_GROUP, IAM_USER, IAM_ROLE, ECS_CLUSTER -> free("no charge for the resource itself");
        };
        return r.withCost(e.monthly() == null ? null : e.monthly().setScale(4, RoundingMode.HALF_UP), regionNote(r, e));
    }

    private record Estimate(BigDecimal monthly, String basis) {
    }

    private Estimate ec2(CloudResource r) {
        if (!running(r, "running", "pending")) {
            return free("no compute charge in state " + r.state() + " (its volumes are priced separately)");
        }
        BigDecimal hourly = prices.ec2Hourly().get(text(r, "instance_type"));
        return hourly == null ? unknown("instance type " + text(r, "instance_type") + " not in the price catalogue")
                : hourly(r, hourly, "on-demand Linux instance hours");
    }

    private Estimate ebs(CloudResource r) {
        String type = text(r, "volume_type");
        BigDecimal perGb = prices.ebsGbMonth().get(type);
        if (perGb == null) {
            return unknown("volume type " + type + " not in the price catalogue");
        }
        BigDecimal cost = perGb.multiply(number(r, "size_gb"));
        BigDecimal iops = number(r, "iops");
        BigDecimal iopsPrice = prices.ebsProvisionedIopsMonth().get(type);
        if (iopsPrice != null && iops.signum() > 0) {
            BigDecimal billable = "gp3".equals(type)
                    ? iops.subtract(BigDecimal.valueOf(prices.ebsGp3FreeIops())).max(BigDecimal.ZERO) : iops;
            cost = cost.add(billable.multiply(iopsPrice));
        }
        if ("gp3".equals(type)) {
            BigDecimal extra = number(r, "throughput").subtract(BigDecimal.valueOf(prices.ebsGp3FreeThroughputMbps()))
                    .max(BigDecimal.ZERO);
            cost = cost.add(extra.multiply(prices.ebsGp3ThroughputMbpsMonth()));
        }
        return new Estimate(regional(r, cost), "provisioned GB, IOPS and throughput of the volume");
    }

    private Estimate loadBalancer(CloudResource r) {
        BigDecimal hourly = prices.loadBalancerHourly().get(text(r, "lb_type"));
        return hourly == null ? unknown("load balancer type " + text(r, "lb_type") + " not in the price catalogue")
                : hourly(r, hourly, "load balancer hours; capacity units (LCU) are usage-based");
    }

    private Estimate rds(CloudResource r) {
        String priceList = prices.rdsEnginePriceList().get(text(r, "engine"));
        BigDecimal storagePerGb = prices.rdsStorageGbMonth().getOrDefault(text(r, "storage_type"),
                prices.rdsStorageGbMonth().get("gp2"));
        BigDecimal multiAz = Boolean.TRUE.equals(r.metadata().get("multi_az")) ? BigDecimal.valueOf(2) : BigDecimal.ONE;
        BigDecimal storage = storagePerGb.multiply(number(r, "allocated_storage_gb")).multiply(multiAz);
        if (!running(r, "available", "backing-up", "modifying", "starting", "creating")) {
            return new Estimate(regional(r, storage), "storage only in state " + r.state());
        }
        Map<String, BigDecimal> classes = priceList == null ? null : prices.rdsHourly().get(priceList);
        BigDecimal hourly = classes == null ? null : classes.get(text(r, "instance_class"));
        if (hourly == null) {
            return unknown("engine " + text(r, "engine") + " class " + text(r, "instance_class")
                    + " not in the price catalogue (licensed engines are not priced)");
        }
        BigDecimal compute = hourly.multiply(BigDecimal.valueOf(prices.hoursPerMonth())).multiply(multiAz);
        return new Estimate(regional(r, compute.add(storage)),
                "instance hours" + (multiAz.intValue() == 2 ? " (Multi-AZ, doubled)" : "") + " and allocated storage");
    }

    @SuppressWarnings("unchecked")
    private Estimate s3(CloudResource r) {
        Object byClass = r.metadata().get("bytes_by_storage_class");
        BigDecimal cost = BigDecimal.ZERO;
        if (byClass instanceof Map<?, ?> map) {
            for (Map.Entry<String, Long> e : ((Map<String, Long>) map).entrySet()) {
                BigDecimal perGb = prices.s3GbMonth().get(e.getKey());
                if (perGb != null) {
                    cost = cost.add(bytesAsGb(BigDecimal.valueOf(e.getValue())).multiply(perGb));
                }
            }
        }
        return new Estimate(regional(r, cost), "stored GB by storage class (daily CloudWatch metric); requests and transfer are usage-based");
    }

    private Estimate dynamo(CloudResource r) {
        BigDecimal storage = bytesAsGb(number(r, "size_bytes")).multiply(prices.dynamodbStorageGbMonth());
        if ("PAY_PER_REQUEST".equals(text(r, "billing_mode"))) {
            return new Estimate(regional(r, storage), "storage only; on-demand reads and writes are usage-based");
        }
        BigDecimal capacityHourly = number(r, "read_capacity_units").multiply(prices.dynamodbRcuHourly())
                .add(number(r, "write_capacity_units").multiply(prices.dynamodbWcuHourly()));
        BigDecimal capacity = capacityHourly.multiply(BigDecimal.valueOf(prices.hoursPerMonth()));
        return new Estimate(regional(r, capacity.add(storage)), "provisioned read/write capacity hours and storage");
    }

    private Estimate elastiCache(CloudResource r) {
        BigDecimal hourly = prices.elasticacheHourly().get(text(r, "node_type"));
        if (hourly == null) {
            return unknown("node type " + text(r, "node_type") + " not in the price catalogue");
        }
        return hourly(r, hourly.multiply(number(r, "nodes").max(BigDecimal.ONE)), "node hours");
    }

    private Estimate hourly(CloudResource r, BigDecimal hourly, String basis) {
        return new Estimate(regional(r, hourly.multiply(BigDecimal.valueOf(prices.hoursPerMonth()))), basis);
    }

    private Estimate perGb(CloudResource r, BigDecimal gb, BigDecimal perGb, String basis) {
        return new Estimate(regional(r, gb.multiply(perGb)), basis);
    }

    private BigDecimal regional(CloudResource r, BigDecimal usEast1Cost) {
        return usEast1Cost.multiply(prices.regionFactor(r.region()));
    }

    private String regionNote(CloudResource r, Estimate e) {
        return e.monthly() != null && e.monthly().signum() > 0 && !prices.knowsRegion(r.region())
                ? e.basis() + "; region " + r.region() + " priced with the default factor" : e.basis();
    }

    private static Estimate free(String basis) {
        return new Estimate(BigDecimal.ZERO, basis);
    }

    private static Estimate unknown(String basis) {
        return new Estimate(null, basis);
    }

    private static boolean running(CloudResource r, String... billedStates) {
        for (String s : billedStates) {
            if (s.equals(r.state())) {
                return true;
            }
        }
        return false;
    }

    private static String text(CloudResource r, String key) {
        Object value = r.metadata().get(key);
        return value == null ? null : value.toString();
    }

    private static BigDecimal number(CloudResource r, String key) {
        Object value = r.metadata().get(key);
        return value instanceof Number n ? new BigDecimal(n.toString()) : BigDecimal.ZERO;
    }

    private static BigDecimal bytesAsGb(BigDecimal bytes) {
        return bytes.divide(GIB, 10, RoundingMode.HALF_UP);
    }
}
