package io.trackersuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** shellcheck passes on every shell script of the repository (what git tracks, plus the CI entry point). */
@Tag("unit")
class ShellScriptsTest {

    @Test
    void everyScriptPassesShellcheck() {
        List<String> scripts = new ArrayList<>(Repository.run(List.of("git", "ls-files", "--cached", "--others",
                "--exclude-standard", "*.sh")).lines().toList());
        scripts.addAll(List.of(".ci/run", "mvnw"));

        assertThat(scripts).as("scripts found").contains("deploy/local/test.sh", "deploy/k8s-secrets.sh");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--format=gcc"));
        command.addAll(scripts);
        Repository.CommandResult check = Repository.runAllowingFailure(command);

        assertThat(check.exitCode()).as("shellcheck findings:\n" + check.output()).isZero();
    }
}
