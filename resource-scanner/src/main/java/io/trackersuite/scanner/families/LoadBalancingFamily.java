package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.actions.Action.DELETE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.actions.ActionRules.Current;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Estimate;
import io.trackersuite.scanner.pricing.PriceCatalogue;

/**
 * Elastic Load Balancing: application, network and gateway load balancers (v2 API) and classic ones. Tags are read
 * 20 at a time, the APIs' limit; priced by hours (capacity units are usage-based); deletable, by name or by the ARN
 * the original API listed.
 */
@ApplicationScoped
public class LoadBalancingFamily implements ResourceFamily {

    public static final ResourceType LOAD_BALANCER = ResourceType.regional("load_balancer", "Load_Balancer",
            "elasticloadbalancing");
    public static final ResourceType CLASSIC = ResourceType.regional("classic_load_balancer", "Classic_Load_Balancer",
            "elasticloadbalancing");

    private static final int TAG_BATCH = 20;
    private static final String NAME = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?";

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder),
                AwsService.of(ElasticLoadBalancingClient.class, ElasticLoadBalancingClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(
                ResourceKind.of(LOAD_BALANCER, this::loadBalancers, LoadBalancingFamily::price).actions(
                        ActionRules.forIds(NAME, "my-load-balancer")
                                .idFromArn(LoadBalancingFamily::nameOf)
                                .readWith((aws, region, name) -> loadBalancer(aws, region, name).map(lb -> new Current(
                                        lb.state() == null ? "active" : lb.state().codeAsString(),
                                        tagsOf(aws, region, lb.loadBalancerArn()))))
                                .performWith((aws, region, name, action, dryRun) -> loadBalancer(aws, region, name)
                                        .ifPresent(lb -> aws.client(ElasticLoadBalancingV2Client.class, region)
                                                .deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()))))
                                .allow(DELETE, Set.of(), Set.of(), Set.of())),
                ResourceKind.of(CLASSIC, this::classicLoadBalancers, LoadBalancingFamily::price).actions(
                        ActionRules.forIds(NAME, "my-load-balancer")
                                .idFromArn(LoadBalancingFamily::nameOf)
                                .readWith(LoadBalancingFamily::classicLoadBalancer)
                                .performWith((aws, region, name, action, dryRun) -> aws
                                        .client(ElasticLoadBalancingClient.class, region)
                                        .deleteLoadBalancer(r -> r.loadBalancerName(name)))
                                .allow(DELETE, Set.of(), Set.of(), Set.of())));
    }

    private void loadBalancers(CollectContext ctx) {
        ElasticLoadBalancingV2Client elb = ctx.client(ElasticLoadBalancingV2Client.class);
        List<LoadBalancer> all = new ArrayList<>();
        elb.describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancers().forEach(all::add);
        for (int from = 0; from < all.size(); from += TAG_BATCH) {
            List<LoadBalancer> batch = all.subList(from, Math.min(all.size(), from + TAG_BATCH));
            ctx.fork(() -> {
                Map<String, Map<String, String>> tags = new HashMap<>();
                elb.describeTags(r -> r.resourceArns(batch.stream().map(LoadBalancer::loadBalancerArn).toList()))
                        .tagDescriptions().forEach(d -> tags.put(d.resourceArn(),
                                Tags.of(d.tags(), t -> t.key(), t -> t.value())));
                batch.forEach(lb -> ctx.found(CloudResource.builder(LOAD_BALANCER, ctx.region(),
                        lb.loadBalancerName())
                        .arn(lb.loadBalancerArn())
                        .name(lb.loadBalancerName())
                        .state(lb.state() == null ? null : lb.state().codeAsString())
                        .createdAt(lb.createdTime())
                        .tags(tags.get(lb.loadBalancerArn()))
                        .meta("lb_type", lb.typeAsString())
                        .meta("scheme", lb.schemeAsString())
                        .meta("vpc_id", lb.vpcId())
                        .meta("dns_name", lb.dnsName())
                        .build()));
            });
        }
    }

    private void classicLoadBalancers(CollectContext ctx) {
        ElasticLoadBalancingClient elb = ctx.client(ElasticLoadBalancingClient.class);
        List<LoadBalancerDescription> all = new ArrayList<>();
        elb.describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancerDescriptions().forEach(all::add);
        for (int from = 0; from < all.size(); from += TAG_BATCH) {
            List<LoadBalancerDescription> batch = all.subList(from, Math.min(all.size(), from + TAG_BATCH));
            ctx.fork(() -> {
                Map<String, Map<String, String>> tags = new HashMap<>();
                elb.describeTags(r -> r.loadBalancerNames(
                        batch.stream().map(LoadBalancerDescription::loadBalancerName).toList()))
                        .tagDescriptions().forEach(d -> tags.put(d.loadBalancerName(),
                                Tags.of(d.tags(), t -> t.key(), t -> t.value())));
                batch.forEach(lb -> ctx.found(CloudResource.builder(CLASSIC, ctx.region(), lb.loadBalancerName())
                        .arn("arn:aws:elasticloadbalancing:" + ctx.region() + ":" + ctx.accountId()
                                + ":loadbalancer/" + lb.loadBalancerName())
                        .name(lb.loadBalancerName())
                        .state("active")
                        .createdAt(lb.createdTime())
                        .tags(tags.get(lb.loadBalancerName()))
                        .meta("lb_type", "classic")
                        .meta("scheme", lb.scheme())
                        .meta("vpc_id", lb.vpcId())
                        .meta("dns_name", lb.dnsName())
                        .meta("instances", lb.instances().size())
                        .build()));
            });
        }
    }

    private static Estimate price(CloudResource r, PriceCatalogue prices) {
        return prices.amount("load_balancer_hourly", r.text("lb_type"))
                .map(hourly -> Estimate.hourly(prices, hourly,
                        "load balancer hours; capacity units (LCU) are usage-based"))
                .orElseGet(() -> Estimate.unknown("load balancer type " + r.text("lb_type")
                        + " not in the price catalogue"));
    }

    private static Optional<LoadBalancer> loadBalancer(AwsAccess aws, String region, String name) {
        return ActionRules.absentOn("LoadBalancerNotFound", () -> aws.client(ElasticLoadBalancingV2Client.class, region)
                .describeLoadBalancers(r -> r.names(name)).loadBalancers().stream().findFirst());
    }

    private static Map<String, String> tagsOf(AwsAccess aws, String region, String arn) {
        return aws.client(ElasticLoadBalancingV2Client.class, region).describeTags(r -> r.resourceArns(arn))
                .tagDescriptions().stream().findFirst()
                .map(d -> Tags.of(d.tags(), t -> t.key(), t -> t.value())).orElse(Map.of());
    }

    private static Optional<Current> classicLoadBalancer(AwsAccess aws, String region, String name) {
        ElasticLoadBalancingClient elb = aws.client(ElasticLoadBalancingClient.class, region);
        return ActionRules.absentOn("LoadBalancerNotFound", () -> elb
                .describeLoadBalancers(r -> r.loadBalancerNames(name)).loadBalancerDescriptions().stream().findFirst()
                .map(lb -> new Current("active", elb.describeTags(r -> r.loadBalancerNames(name)).tagDescriptions()
                        .stream().findFirst().map(d -> Tags.of(d.tags(), t -> t.key(), t -> t.value()))
                        .orElse(Map.of()))));
    }

    /**
     * {@code arn:aws:elasticloadbalancing:region:account:loadbalancer/app/<name>/<id>} (or net/, or a classic
     * {@code loadbalancer/<name>}) → name; any other ARN as it came.
     */
    private static String nameOf(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 6 || !"elasticloadbalancing".equals(parts[2]) || !parts[5].startsWith("loadbalancer/")) {
            return arn;
        }
        String[] path = parts[5].split("/");
        return path.length >= 4 ? path[2] : path[path.length - 1];
    }
}
