package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.actions.Action.DELETE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.actions.ActionRules.Current;
import io.trackersuite.scanner.aws.AwsAccess;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Estimate;

/**
 * ECR repositories: priced by the image data they store, deleted only when they hold no image (deleting images is a
 * decision about the software they ship, not about cost).
 */
@ApplicationScoped
public class EcrFamily implements ResourceFamily {

    public static final ResourceType REPOSITORY = ResourceType.regional("ecr_repository", "ECR_Repository", "ecr");

    /** ECR's repository name rule: lowercase path segments separated by "/", each with ".", "_" or "-" inside. */
    private static final String NAME = "(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(EcrClient.class, EcrClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(REPOSITORY, this::repositories, (r, prices) -> Estimate.of(
                Estimate.bytesAsGb(r.number("size_bytes")).multiply(prices.amount("ecr_storage_gb_month")),
                "stored image data, upper bound: the sum of image sizes (layers shared between images are billed once)"))
                .taggedVia("ecr:repository")
                .actions(ActionRules.forIds(NAME, "team/my-service")
                        .readWith(EcrFamily::repositoryForAction)
                        // never force: a repository that still holds images is refused by ECR too
                        .performWith((aws, region, name, action, dryRun) -> aws.client(EcrClient.class, region)
                                .deleteRepository(r -> r.repositoryName(name).force(false)))
                        .allow(DELETE, Set.of("empty"), Set.of(), Set.of())));
    }

    /** DescribeRepositories lists names only: each repository's images (for its size) are read in a detail task. */
    private void repositories(CollectContext ctx) {
        EcrClient ecr = ctx.client(EcrClient.class);
        ecr.describeRepositoriesPaginator(r -> r.maxResults(1000)).repositories().forEach(repo -> ctx.fork(() -> {
            long bytes = 0;
            int images = 0;
            for (ImageDetail image : ecr.describeImagesPaginator(r -> r.repositoryName(repo.repositoryName())
                    .registryId(repo.registryId()).maxResults(1000)).imageDetails()) {
                bytes += image.imageSizeInBytes() == null ? 0 : image.imageSizeInBytes();
                images++;
            }
            ctx.found(CloudResource.builder(REPOSITORY, ctx.region(), repo.repositoryName())
                    .arn(repo.repositoryArn())
                    .name(repo.repositoryName())
                    .state("available")
                    .createdAt(repo.createdAt())
                    .tags(ctx.indexedTags(ctx.region(), repo.repositoryArn())
                            .orElseGet(() -> tags(ecr, repo.repositoryArn())))
                    .meta("size_bytes", bytes)
                    .meta("image_count", images)
                    .meta("repository_uri", repo.repositoryUri())
                    .meta("image_tag_mutability", repo.imageTagMutabilityAsString())
                    .meta("scan_on_push", repo.imageScanningConfiguration() == null ? null
                            : repo.imageScanningConfiguration().scanOnPush())
                    .meta("encryption", repo.encryptionConfiguration() == null ? null
                            : repo.encryptionConfiguration().encryptionTypeAsString())
                    .build());
        }));
    }

    /** A repository's state for actions: "empty" or "not-empty". */
    private static Optional<Current> repositoryForAction(AwsAccess aws, String region, String name) {
        EcrClient ecr = aws.client(EcrClient.class, region);
        return ActionRules.absentOn("RepositoryNotFoundException", () -> {
            Repository repo = ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0);
            boolean empty = ecr.describeImages(r -> r.repositoryName(name).maxResults(1)).imageDetails().isEmpty();
            return Optional.of(new Current(empty ? "empty" : "not-empty", tags(ecr, repo.repositoryArn())));
        });
    }

    private static Map<String, String> tags(EcrClient ecr, String arn) {
        return Tags.of(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags(), t -> t.key(), t -> t.value());
    }
}
