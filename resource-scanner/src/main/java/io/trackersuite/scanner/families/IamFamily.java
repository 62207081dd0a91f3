package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.inventory.ResourceType.GLOBAL_REGION;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;

import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.inventory.Tags;
import io.trackersuite.scanner.pricing.Pricer;

/** IAM users and roles: account-wide, free, listed with their tags by GetAccountAuthorizationDetails. */
@ApplicationScoped
public class IamFamily implements ResourceFamily {

    public static final ResourceType USER = ResourceType.accountWide("iam_user", "IAM_User", "iam");
    public static final ResourceType ROLE = ResourceType.accountWide("iam_role", "IAM_Role", "iam");

    private static final Pricer FREE = Pricer.free("no charge for the resource itself");

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(IamClient.class, IamClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(USER, this::users, FREE), ResourceKind.of(ROLE, this::roles, FREE));
    }

    /** ListUsers carries no tags; the authorization details list does, in one paginated list. */
    private void users(CollectContext ctx) {
        ctx.client(IamClient.class).getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.USER).maxItems(1000))
                .forEach(page -> page.userDetailList().forEach(u -> ctx.found(
                        CloudResource.builder(USER, GLOBAL_REGION, u.userName())
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

    private void roles(CollectContext ctx) {
        ctx.client(IamClient.class).getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.ROLE).maxItems(1000))
                .forEach(page -> page.roleDetailList().forEach(role -> ctx.found(
                        CloudResource.builder(ROLE, GLOBAL_REGION, role.roleName())
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
