package io.trackersuite.scanner.families;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.pricing.Estimate;

/** EKS clusters: the control plane's hours (nodes are priced as the EC2 instances they are). */
@ApplicationScoped
public class EksFamily implements ResourceFamily {

    public static final ResourceType CLUSTER = ResourceType.regional("eks_cluster", "EKS_Cluster", "eks");

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(EksClient.class, EksClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(CLUSTER, this::clusters, (r, prices) -> Estimate.hourly(prices,
                prices.amount("eks_cluster_hourly"), "EKS control plane hours; nodes are priced as EC2 instances")));
    }

    /** ListClusters gives names only; each cluster is described in a detail task. */
    private void clusters(CollectContext ctx) {
        EksClient eks = ctx.client(EksClient.class);
        eks.listClustersPaginator(r -> r.maxResults(100)).clusters().forEach(name -> ctx.fork(() -> {
            Cluster c = eks.describeCluster(r -> r.name(name)).cluster();
            ctx.found(CloudResource.builder(CLUSTER, ctx.region(), c.name())
                    .arn(c.arn())
                    .name(c.name())
                    .state(c.statusAsString())
                    .createdAt(c.createdAt())
                    .tags(c.tags())
                    .meta("kubernetes_version", c.version())
                    .meta("platform_version", c.platformVersion())
                    .build());
        }));
    }
}
