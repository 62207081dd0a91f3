package io.trackersuite.scanner.inventory;

import static io.trackersuite.scanner.inventory.ResourceType.CLASSIC_LOAD_BALANCER;
import static io.trackersuite.scanner.inventory.ResourceType.GLOBAL_REGION;
import static io.trackersuite.scanner.inventory.ResourceType.IAM_ROLE;
import static io.trackersuite.scanner.inventory.ResourceType.IAM_USER;
import static io.trackersuite.scanner.inventory.ResourceType.LOAD_BALANCER;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;

/** Load balancers (tags read 20 at a time, the APIs' limit) and IAM users and roles (account-wide). */
@ApplicationScoped
public class AccountInventory {

    private static final int TAG_BATCH = 20;

    void loadBalancers(CollectContext ctx) {
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

    void classicLoadBalancers(CollectContext ctx) {
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
                batch.forEach(lb -> ctx.found(CloudResource.builder(CLASSIC_LOAD_BALANCER, ctx.region(),
                        lb.loadBalancerName())
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

    /** GetAccountAuthorizationDetails returns users with their tags in one paginated list (ListUsers does not). */
    void iamUsers(CollectContext ctx) {
        ctx.client(IamClient.class).getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.USER).maxItems(1000))
                .forEach(page -> page.userDetailList().forEach(u -> ctx.found(
                        CloudResource.builder(IAM_USER, GLOBAL_REGION, u.userName())
                                .arn(u.arn())
                                .name(u.userName())
                                .state("active")
                                .createdAt(u.createDate())
                                .tags(Tags.of(u.tags(), t -> t.key(), t -> t.value()))
                                .meta("user_id", u.userId())
                                .meta("path", u.path())
                                .meta("groups", u.groupList())
                                .meta("attached_policies", u.attachedManagedPolicies().size())
                                .build())));
    }

    void iamRoles(CollectContext ctx) {
        ctx.client(IamClient.class).getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.ROLE).maxItems(1000))
                .forEach(page -> page.roleDetailList().forEach(role -> ctx.found(
                        CloudResource.builder(IAM_ROLE, GLOBAL_REGION, role.roleName())
                                .arn(role.arn())
                                .name(role.roleName())
                                .state("active")
                                .createdAt(role.createDate())
                                .tags(Tags.of(role.tags(), t -> t.key(), t -> t.value()))
                                .meta("role_id", role.roleId())
                                .meta("path", role.path())
                                .meta("last_used", role.roleLastUsed() == null ? null
                                        : role.roleLastUsed().lastUsedDate())
                                .meta("attached_policies", role.attachedManagedPolicies().size())
                                .build())));
    }
}
