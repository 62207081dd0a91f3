package io.trackersuite.scanner.families;

import static io.trackersuite.scanner.actions.Action.DELETE;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import io.trackersuite.scanner.actions.ActionRules;
import io.trackersuite.scanner.actions.ActionRules.Current;
import io.trackersuite.scanner.aws.AwsService;
import io.trackersuite.scanner.inventory.CloudResource;
import io.trackersuite.scanner.inventory.CollectContext;
import io.trackersuite.scanner.inventory.ResourceType;
import io.trackersuite.scanner.pricing.Estimate;

/** Lambda functions: usage-based (never guessed), deletable; the original API listed them by ARN. */
@ApplicationScoped
public class LambdaFamily implements ResourceFamily {

    public static final ResourceType FUNCTION = ResourceType.regional("lambda_function", "Lambda_Function", "lambda");

    /** Lambda's own timestamp format, e.g. 2024-01-31T10:00:00.000+0000. */
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Override
    public List<AwsService<?>> clients() {
        return List.of(AwsService.of(LambdaClient.class, LambdaClient::builder));
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.of(FUNCTION, this::functions, (r, prices) -> Estimate.usageBased())
                .taggedVia("lambda:function")
                .actions(ActionRules.forIds("[a-zA-Z0-9_-]{1,64}", "my-function")
                        .idFromArn(LambdaFamily::functionName)
                        .readWith((aws, region, id) -> {
                            LambdaClient lambda = aws.client(LambdaClient.class, region);
                            return ActionRules.absentOn("ResourceNotFoundException", () -> {
                                FunctionConfiguration f = lambda.getFunction(r -> r.functionName(id)).configuration();
                                return Optional.of(new Current(
                                        f.stateAsString() == null ? "active" : f.stateAsString().toLowerCase(),
                                        lambda.listTags(r -> r.resource(f.functionArn())).tags()));
                            });
                        })
                        .performWith((aws, region, id, action, dryRun) -> aws.client(LambdaClient.class, region)
                                .deleteFunction(r -> r.functionName(id)))
                        .allow(DELETE, Set.of(), Set.of(), Set.of())));
    }

    /** ListFunctions carries no tags: they come from the tag index, or a ListTags call per function without one. */
    private void functions(CollectContext ctx) {
        LambdaClient lambda = ctx.client(LambdaClient.class);
        lambda.listFunctionsPaginator(r -> r.maxItems(50)).functions().forEach(f -> ctx.foundWithTags(f.functionArn(),
                () -> lambda.listTags(r -> r.resource(f.functionArn())).tags(),
                tags -> CloudResource.builder(FUNCTION, ctx.region(), f.functionName())
                        .arn(f.functionArn())
                        .name(f.functionName())
                        .state(f.stateAsString() != null ? f.stateAsString() : "active")
                        .tags(tags)
                        .meta("runtime", f.runtimeAsString())
                        .meta("memory_mb", f.memorySize())
                        .meta("timeout_s", f.timeout())
                        .meta("code_size_bytes", f.codeSize())
                        .meta("last_modified", lambdaTime(f.lastModified()))
                        .meta("architectures", f.architecturesAsStrings())
                        .build()));
    }

    /** {@code arn:aws:lambda:region:account:function:name[:qualifier]} → name; any other ARN as it came. */
    private static String functionName(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !"lambda".equals(parts[2]) || !"function".equals(parts[5])) {
            return arn;
        }
        int qualifier = parts[6].indexOf(':');
        return qualifier < 0 ? parts[6] : parts[6].substring(0, qualifier);
    }

    private static String lambdaTime(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value, LAMBDA_TIME).toInstant().toString();
        } catch (DateTimeParseException e) {
            return value;
        }
    }
}
