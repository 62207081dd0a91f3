package io.trackersuite.scanner.actions;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import io.trackersuite.scanner.aws.AwsAccess;

/**
 * What can be done to one resource type, declared by the family that owns it: what an id looks like, how to read the
 * current state and tags, which states allow each action, how to carry it out (with the API's own DryRun where there
 * is one), and which states after it count as done or on the way. Built with {@link #forIds}.
 */
public final class ActionRules {

    /** A resource as an action sees it; {@code state} "absent" never occurs, absence is an empty read. */
    public record Current(String state, Map<String, String> tags) {
    }

    /** Reads the resource; empty when it does not exist (or no longer does). */
    @FunctionalInterface
    public interface Reader {
        Optional<Current> read(AwsAccess aws, String region, String id);
    }

    @FunctionalInterface
    public interface Performer {
        void perform(AwsAccess aws, String region, String id, Action action, boolean dryRun);
    }

    /** Per action: the states it may start from (empty: any), states meaning done, and states meaning on the way. */
    private record States(Set<String> from, Set<String> done, Set<String> onTheWay) {
    }

    private final Pattern idFormat;
    private final String idHint;
    private Reader reader;
    private Performer performer;
    private boolean apiDryRun;
    private UnaryOperator<String> idFromArn = UnaryOperator.identity();
    private final Map<Action, States> states = new EnumMap<>(Action.class);

    private ActionRules(Pattern idFormat, String idHint) {
        this.idFormat = idFormat;
        this.idHint = idHint;
    }

    /** Rules for a type whose ids match {@code idFormat} (a request's id is checked before any call). */
    public static ActionRules forIds(String idFormat, String idHint) {
        return new ActionRules(Pattern.compile(idFormat), idHint);
    }

    public ActionRules readWith(Reader reader) {
        this.reader = reader;
        return this;
    }

    public ActionRules performWith(Performer performer) {
        this.performer = performer;
        return this;
    }

    /** The API has a DryRun flag (EC2): a dry run asks AWS, which checks permissions and state. */
    public ActionRules withApiDryRun() {
        this.apiDryRun = true;
        return this;
    }

    /** Where the original API listed the resource by ARN: the id an action takes, from such an ARN. */
    public ActionRules idFromArn(UnaryOperator<String> idFromArn) {
        this.idFromArn = idFromArn;
        return this;
    }

    /**
     * {@code action} is allowed from {@code from} (empty: any state); afterwards {@code done} means done (for delete,
     * absence is done too) and {@code onTheWay} means AWS accepted and is working.
     */
    public ActionRules allow(Action action, Set<String> from, Set<String> done, Set<String> onTheWay) {
        states.put(action, new States(from, done, onTheWay));
        return this;
    }

    public Set<Action> actions() {
        return states.keySet();
    }

    public boolean validId(String id) {
        return id != null && idFormat.matcher(id).matches();
    }

    public String idHint() {
        return idHint;
    }

    /** The id an action works on: the name inside an ARN of the type, anything else as it came. */
    public String resourceId(String idOrArn) {
        return idOrArn != null && idOrArn.startsWith("arn:") ? idFromArn.apply(idOrArn) : idOrArn;
    }

    public Reader reader() {
        return reader;
    }

    public Performer performer() {
        return performer;
    }

    public boolean apiDryRun() {
        return apiDryRun;
    }

    public Set<String> allowedStates(Action action) {
        return states.get(action).from();
    }

    public Set<String> doneStates(Action action) {
        return states.get(action).done();
    }

    public Set<String> onTheWay(Action action) {
        return states.get(action).onTheWay();
    }

    /** A read whose "not found" error (by AWS error code) means the resource does not exist. */
    public static <T> Optional<T> absentOn(String notFoundCode, Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && notFoundCode.equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
