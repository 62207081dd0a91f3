package io.trackersuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.bertramlabs.plugins.hcl4j.HCLParser;

/**
 * deploy/terraform without an AWS account or the registry: the files parse as HCL, every variable and output is
 * documented, every reference points at something declared, and the outputs the scripts and the pipeline read
 * exist. {@code terraform fmt -check} runs where Terraform is installed (the CI workflow installs it);
 * {@code terraform validate} and {@code plan} need the registry and an account, so only the pipeline runs them.
 */
@Tag("unit")
class TerraformTest {

    private static final Path TERRAFORM = Repository.path("deploy/terraform");
    /** An output read by a script or the pipeline: tf_output NAME, out NAME, terraform output -raw NAME. */
    private static final Pattern OUTPUT_READ =
            Pattern.compile("(?<![\\w-])(?:tf_output|out|output -raw)\\s+\"?([a-z_]+)");
    private static final Pattern LOCAL_ASSIGNMENT = Pattern.compile("(?m)^\\s{2}([a-z_][a-z0-9_]*)\\s*=");

    @Test
    void everyFileParsesAndEveryVariableAndOutputIsDocumented() throws Exception {
        Map<String, Map<String, Object>> variables = new HashMap<>();
        Map<String, Map<String, Object>> outputs = new HashMap<>();
        for (Path file : terraformFiles()) {
            Map<String, Object> parsed = new HCLParser().parse(file.toFile(), "UTF-8");
            variables.putAll(blocks(parsed, "variable"));
            outputs.putAll(blocks(parsed, "output"));
        }

        assertThat(variables).as("variables").isNotEmpty().allSatisfy((name, body) -> {
            assertThat(body).as("variable " + name).containsKeys("description", "type");
        });
        assertThat(outputs).as("outputs").isNotEmpty().allSatisfy((name, body) -> {
            assertThat(body).as("output " + name).containsKeys("description", "value");
        });
    }

    @Test
    void everyReferenceIsDeclared() throws IOException {
        String all = allTerraform();

        assertThat(referenced(all, "var")).as("var.* used").isSubsetOf(declared(all, "variable"));
        assertThat(referenced(all, "module")).as("module.* used").isSubsetOf(declared(all, "module"));
        assertThat(referenced(all, "local")).as("local.* used").isSubsetOf(localsDeclared(all));
    }

    @Test
    void theOutputsTheScriptsAndThePipelineReadExist() throws IOException {
        Set<String> outputs = declared(allTerraform(), "output");
        Set<String> read = new TreeSet<>();
        for (String file : List.of("deploy/k8s-secrets.sh", "deploy/aws/overlay-settings.sh",
                ".github/workflows/deploy.yml")) {
            read.addAll(Repository.firstGroups(OUTPUT_READ, Repository.read(Repository.path(file))));
        }

        assertThat(read).as("outputs read").contains("cluster_name", "rds_address", "redis_secret_arn");
        assertThat(outputs).containsAll(read);
    }

    @Test
    void filesAreFormattedAsTerraformFormatsThem() {
        assumeThat(Repository.onPath("terraform")).as("terraform on the PATH (the CI workflow installs it)").isTrue();

        Repository.CommandResult format = Repository.runAllowingFailure(
                List.of("terraform", "fmt", "-check", "-diff", "-recursive", "deploy/terraform"));

        assertThat(format.exitCode()).as(format.output()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> blocks(Map<String, Object> parsed, String type) {
        Object blocks = parsed.get(type);
        return blocks == null ? Map.of() : (Map<String, Map<String, Object>>) blocks;
    }

    private static List<Path> terraformFiles() throws IOException {
        try (Stream<Path> files = Files.list(TERRAFORM)) {
            return files.filter(file -> file.toString().endsWith(".tf")).sorted().toList();
        }
    }

    private static String allTerraform() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : terraformFiles()) {
            all.append(Repository.read(file)).append('\n');
        }
        return all.toString();
    }

    private static Set<String> referenced(String text, String prefix) {
        return Repository.firstGroups(Pattern.compile("(?<![\\w.])" + prefix + "\\.([a-z_][a-z0-9_]*)"), text);
    }

    private static Set<String> declared(String text, String blockType) {
        return Repository.firstGroups(Pattern.compile("(?m)^" + blockType + "\\s+\"([a-z_][a-z0-9_]*)\""), text);
    }

    private static Set<String> localsDeclared(String text) {
        Set<String> names = new TreeSet<>();
        Matcher locals = Pattern.compile("(?ms)^locals\\s*\\{(.*?)^}").matcher(text);
        while (locals.find()) {
            names.addAll(Repository.firstGroups(LOCAL_ASSIGNMENT, locals.group(1)));
        }
        return names;
    }
}
