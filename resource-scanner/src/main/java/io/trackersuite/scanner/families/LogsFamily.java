package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.actions.Action.DELETE;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.actions.ActionRules.Current;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.pricing.Estimate;

/** CloudWatch Logs log groups: priced by stored data, deletable. */
@ApplicationScoped
public class LogsFamily implements ResourceFamily {

    public static final ResourceType LOG_GROUP = ResourceType.regional("log_group", "CloudWatch_LogGroup", "logs");

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(CloudWatchLogsClient.class, CloudWatchLogsClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(LOG_GROUP, this::logGroups, (r, prices) -> Estimate.of(
                Estimate.bytesAsGb(r.number("stored_bytes")).multiply(prices.amount("logs_gb_month")),
                "stored log data; ingestion is usage-based"))
                .taggedVia("logs:log-group")
                .actions(ActionRules.forIds("[.\\-_/#A-Za-z0-9]{1,512}", "/aws/lambda/my-function")
                        .readWith((aws, region, name) -> {
                            CloudWatchLogsClient logs = aws.client(CloudWatchLogsClient.class, region);
                            return logs.describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                                    .filter(g -> g.logGroupName().equals(name)).findFirst()
                                    .map(g -> new Current("available",
                                            logs.listTagsForResource(r -> r.resourceArn(arn(g))).tags()));
                        })
                        .performWith((aws, region, id, action, dryRun) -> aws.client(CloudWatchLogsClient.class, region)
                                .deleteLogGroup(r -> r.logGroupName(id)))
                        .allow(DELETE, Set.of(), Set.of(), Set.of())));
    }

    private void logGroups(CollectContext ctx) {
        CloudWatchLogsClient logs = ctx.client(CloudWatchLogsClient.class);
        logs.describeLogGroupsPaginator(r -> r.limit(50)).logGroups().forEach(g -> {
            String arn = arn(g);
            ctx.foundWithTags(arn, () -> logs.listTagsForResource(r -> r.resourceArn(arn)).tags(),
                    tags -> CloudResource.builder(LOG_GROUP, ctx.region(), g.logGroupName())
                            .arn(arn)
                            .name(g.logGroupName())
                            .state("available")
                            .createdAt(g.creationTime() == null ? null : Instant.ofEpochMilli(g.creationTime()))
                            .tags(tags)
                            .meta("stored_bytes", g.storedBytes())
                            .meta("retention_days", g.retentionInDays())
                            .meta("log_group_class", g.logGroupClassAsString())
                            .build());
        });
    }

    /** logGroupArn is the ARN without the trailing ":*" that the tagging APIs want (older answers lack it). */
    private static String arn(LogGroup g) {
        return g.logGroupArn() != null ? g.logGroupArn() : g.arn().replaceAll(":\\*$", "");
    }
}
