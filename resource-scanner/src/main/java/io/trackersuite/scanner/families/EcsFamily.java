package io.trackersuite.scanner.families;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;

import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Pricer;

/** ECS clusters: free by themselves (their tasks run on EC2 instances or Fargate, priced where they show). */
@ApplicationScoped
public class EcsFamily implements ResourceFamily {

    public static final ResourceType CLUSTER = ResourceType.regional("ecs_cluster", "ECS_Cluster", "ecs");

    /** DescribeClusters takes 100 clusters per call and returns their tags. */
    private static final int DESCRIBE_BATCH = 100;

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(EcsClient.class, EcsClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(CLUSTER, this::clusters, Pricer.free("no charge for the resource itself")));
    }

    private void clusters(CollectContext ctx) {
        EcsClient ecs = ctx.client(EcsClient.class);
        List<String> arns = new ArrayList<>();
        ecs.listClustersPaginator(r -> r.maxResults(100)).clusterArns().forEach(arns::add);
        for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH));
            ctx.fork(() -> ecs.describeClusters(r -> r.clusters(batch).include(ClusterField.TAGS)).clusters()
                    .forEach(c -> ctx.found(CloudResource.builder(CLUSTER, ctx.region(), c.clusterName())
                            .arn(c.clusterArn())
                            .name(c.clusterName())
                            .state(c.status())
                            .tags(Tags.of(c.tags(), t -> t.key(), t -> t.value()))
                            .meta("running_tasks", c.runningTasksCount())
                            .meta("active_services", c.activeServicesCount())
                            .meta("container_instances", c.registeredContainerInstancesCount())
                            .build())));
        }
    }
}
