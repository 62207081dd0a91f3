package io.trackersuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Both overlays, as a cluster would receive them: typed, secure by default, and in agreement with what each service
 * really reads (its application.properties) and how its image is built.
 */
@Tag("unit")
class KubernetesManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = { "local", "eks" })
    void everyObjectIsAKubernetesTypeWithoutUnknownFields(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        assertThat(rendered.objects).as("objects rendered").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : rendered.objects) {
            String where = object.getKind() + "/" + object.getMetadata().getName();
            // an unknown apiVersion/kind still deserialises, as GenericKubernetesResource (same package); the one
            // custom kind, the alerts' PrometheusRule, is checked by ObservabilityTest
            boolean alertRules = object instanceof GenericKubernetesResource
                    && "monitoring.coreos.com/v1".equals(object.getApiVersion())
                    && "PrometheusRule".equals(object.getKind());
            if (!alertRules && (object instanceof GenericKubernetesResource
                    || !object.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model"))) {
                problems.add(where + " is not a known Kubernetes type");
            }
            if (!alertRules) {
                RenderedOverlay.unknownFields(object).forEach(field -> problems.add("unknown field " + field));
            }
            if (!"Namespace".equals(object.getKind()) && !"tracker-suite".equals(object.getMetadata().getNamespace())) {
                problems.add(where + " outside the tracker-suite namespace");
            }
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "eks" })
    void everyPodIsNonRootReadOnlyWithLimits(String overlay) {
        Map<String, PodTemplateSpec> templates = RenderedOverlay.of(overlay).podTemplates();

        assertThat(templates).isNotEmpty();
        assertSoftly(softly -> templates.forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container container : containers) {
                String where = workload + " container " + container.getName();
                softly.assertThat(container.getResources().getRequests()).as(where + " requests")
                        .containsKeys("cpu", "memory");
                softly.assertThat(container.getResources().getLimits()).as(where + " limits")
                        .containsKeys("cpu", "memory");
                SecurityContext security = container.getSecurityContext();
                softly.assertThat(security).as(where + " securityContext").isNotNull();
                if (security == null) {
                    continue;
                }
                boolean nonRoot = Boolean.TRUE.equals(security.getRunAsNonRoot())
                        || pod.getSecurityContext() != null
                                && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
                softly.assertThat(nonRoot).as(where + " runs as non-root").isTrue();
                softly.assertThat(security.getAllowPrivilegeEscalation()).as(where + " privilege escalation")
                        .isFalse();
                softly.assertThat(security.getReadOnlyRootFilesystem()).as(where + " read-only root").isTrue();
                softly.assertThat(security.getCapabilities().getDrop()).as(where + " dropped capabilities")
                        .contains("ALL");
            }
            softly.assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(workload + " seccomp")
                    .isEqualTo("RuntimeDefault");
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "eks" })
    void everyServiceMatchesItsConfigurationAndImage(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        assertSoftly(softly -> {
            for (String service : Repository.SERVICES) {
                ServiceConfiguration config = ServiceConfiguration.of(service);
                Deployment deployment = rendered.get(Deployment.class, service);
                Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                String where = overlay + " " + service;

                softly.assertThat(container.getImage()).as(where + " image")
                        .matches("(.+/)?tracker-suite/" + Pattern.quote(service) + ":[\\w.-]+");
                softly.assertThat(container.getPorts()).as(where + " ports").singleElement()
                        .satisfies(port -> {
                            assertThat(port.getName()).isEqualTo("http");
                            assertThat(port.getContainerPort()).as("port of application.properties")
                                    .isEqualTo(config.httpPort());
                        });
                softly.assertThat(Dockerfiles.exposedPort(service, "jvm")).as(where + " JVM image port")
                        .isEqualTo(config.httpPort());
                softly.assertThat(Dockerfiles.exposedPort(service, "native")).as(where + " native image port")
                        .isEqualTo(config.httpPort());

                assertProbe(softly, where + " startup", container.getStartupProbe(), config.healthPath("started"));
                assertProbe(softly, where + " liveness", container.getLivenessProbe(), config.healthPath("live"));
                assertProbe(softly, where + " readiness", container.getReadinessProbe(),
                        config.healthPath("ready"));
                Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
                softly.assertThat(annotations).as(where + " scrape annotations")
                        .containsEntry("prometheus.io/scrape", "true")
                        .containsEntry("prometheus.io/port", String.valueOf(config.httpPort()))
                        .containsEntry("prometheus.io/path", config.metricsPath());

                Set<String> provided = environmentNames(rendered, container);
                softly.assertThat(config.environment().keySet()).as(where + ": variables set but never read "
                        + "(a renamed property?)").containsAll(provided);
                softly.assertThat(provided).as(where + ": variables without a default in application.properties")
                        .containsAll(config.requiredEnvironment());

                Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
                softly.assertThat("true".equals(labels.get("tracker-suite.io/redis-client")))
                        .as(where + " may reach Redis exactly when it uses Redis").isEqualTo(config.usesRedis());
                softly.assertThat("true".equals(labels.get("tracker-suite.io/postgres-client")))
                        .as(where + " may reach PostgreSQL exactly when it uses PostgreSQL")
                        .isEqualTo(config.usesPostgres());

                Service kubernetesService = rendered.get(Service.class, service);
                softly.assertThat(kubernetesService.getSpec().getSelector()).as(where + " Service selector")
                        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                softly.assertThat(kubernetesService.getSpec().getPorts()).singleElement().satisfies(port -> {
                    assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
                    assertThat(port.getPort()).isEqualTo(config.httpPort());
                });
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "eks" })
    void sessionServiceReadsTheIpDataItsInitContainerFetches(String overlay) throws IOException {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        PodSpec pod = rendered.get(Deployment.class, "session-service").getSpec().getTemplate().getSpec();
        Container fetch = pod.getInitContainers().stream().filter(c -> c.getName().equals("ip-data")).findFirst()
                .orElseThrow();
        Container service = pod.getContainers().get(0);
        String directory = fetch.getCommand().get(fetch.getCommand().size() - 1);
        // the script names the files it links into the directory: ln -sfn <target> "$dir/<name>"
        Set<String> fetched = Pattern.compile("ln -sfn \\S+ \"\\$dir/([\\w.-]+)\"")
                .matcher(Files.readString(Repository.ROOT.resolve("k8s/base/ip-data/fetch-ip-data.sh")))
                .results().map(m -> directory + "/" + m.group(1)).collect(Collectors.toSet());
        ConfigMap config = rendered.get(ConfigMap.class, "session-service-config");

        assertThat(fetched).hasSize(3);
        assertThat(config.getData().get("VISITS_GEOIP_DATABASE").split(","))
                .as("geolocation files the init container fetches").isSubsetOf(fetched).isNotEmpty();
        assertThat(config.getData().get("VISITS_ASN_DATABASE").split(","))
                .as("ASN files the init container fetches").isSubsetOf(fetched).isNotEmpty();
        assertThat(fetch.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals(directory));
        assertThat(service.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals(directory)
                && Boolean.TRUE.equals(m.getReadOnly()));
        assertThat(fetch.getImage()).as("a pinned image").matches(".+:[\\w.-]+").doesNotEndWith(":latest");
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "eks" })
    void everyReferencedConfigMapExistsAndEverySecretIsCreatedByTheSecretsScript(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Set<String> configMaps = rendered.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        Map<String, Set<String>> secretsCreated = SecretsScript.secretsAndKeys(overlay);

        assertSoftly(softly -> rendered.podTemplates().forEach((workload, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                for (EnvFromSource source : nullSafe(container.getEnvFrom())) {
                    softly.assertThat(configMaps).as(workload + " envFrom")
                            .contains(source.getConfigMapRef().getName());
                }
                for (EnvVar variable : nullSafe(container.getEnv())) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        var reference = variable.getValueFrom().getSecretKeyRef();
                        softly.assertThat(secretsCreated).as(workload + " " + variable.getName())
                                .containsKey(reference.getName());
                        softly.assertThat(secretsCreated.getOrDefault(reference.getName(), Set.of()))
                                .as(workload + " " + variable.getName() + ": key of " + reference.getName())
                                .contains(reference.getKey());
                    }
                }
            }
            for (Volume volume : nullSafe(template.getSpec().getVolumes())) {
                if (volume.getConfigMap() != null) {
                    softly.assertThat(configMaps).as(workload + " volume").contains(volume.getConfigMap().getName());
                }
            }
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "eks" })
    void onlyTheGatewayIsReachableFromOutside(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<NetworkPolicy> policies = rendered.all(NetworkPolicy.class);

        NetworkPolicy defaultDeny = rendered.get(NetworkPolicy.class, "default-deny");
        assertThat(defaultDeny.getSpec().getPodSelector().getMatchLabels()).as("selects every pod").isNullOrEmpty();
        assertThat(defaultDeny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");

        Set<String> openToAnyone = new TreeSet<>();
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : nullSafe(policy.getSpec().getIngress())) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    openToAnyone.add(String.valueOf(policy.getSpec().getPodSelector().getMatchLabels()));
                }
            }
        }
        assertThat(openToAnyone).containsExactly("{app.kubernetes.io/name=tracker-gateway}");

        Ingress ingress = rendered.get(Ingress.class, "tracker-gateway");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> assertThat(rule.getHttp()
                .getPaths()).singleElement().satisfies(path -> {
                    assertThat(path.getBackend().getService().getName()).isEqualTo("tracker-gateway");
                    assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = { "eks" })
    void productionScalesOverZonesBehindAnAlb(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ServiceConfiguration gateway = ServiceConfiguration.of("tracker-gateway");

        assertSoftly(softly -> {
            for (String service : Repository.SERVICES) {
                HorizontalPodAutoscaler autoscaler = rendered.get(HorizontalPodAutoscaler.class, service);
                softly.assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
                softly.assertThat(autoscaler.getSpec().getMinReplicas()).as(service + " min replicas")
                        .isGreaterThanOrEqualTo(2);
                softly.assertThat(autoscaler.getSpec().getMaxReplicas())
                        .isGreaterThan(autoscaler.getSpec().getMinReplicas());
                PodDisruptionBudget budget = rendered.get(PodDisruptionBudget.class, service);
                Deployment deployment = rendered.get(Deployment.class, service);
                softly.assertThat(budget.getSpec().getSelector().getMatchLabels())
                        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                softly.assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                        .as(service + " zone spread")
                        .anySatisfy(spread -> {
                            assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                            assertThat(spread.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
                        });
                softly.assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                        .as(service + " runs the native image from ECR")
                        .matches("\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/tracker-suite/" + service + ":.+");
            }
        });

        Ingress ingress = rendered.get(Ingress.class, "tracker-gateway");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("alb");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("alb.ingress.kubernetes.io/target-type", "ip")
                .containsEntry("alb.ingress.kubernetes.io/healthcheck-path", gateway.healthPath("ready"))
                .hasEntrySatisfying("alb.ingress.kubernetes.io/certificate-arn",
                        arn -> assertThat(arn).startsWith("arn:aws:acm:"));
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).containsExactly(ingress.getSpec().getRules().get(0)
                        .getHost()));

        HasMetadata scannerAccount = rendered.get(ServiceAccount.class,
                "resource-scanner");
        assertThat(scannerAccount.getMetadata().getAnnotations())
                .hasEntrySatisfying("eks.amazonaws.com/role-arn", arn -> assertThat(arn).startsWith("arn:aws:iam::"));
        assertThat(rendered.get(Deployment.class, "resource-scanner").getSpec().getTemplate().getSpec()
                .getServiceAccountName()).isEqualTo("resource-scanner");
        assertThat(rendered.find(ConfigMap.class, "eks-settings")).as("settings are local, never applied").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "local", "eks" })
    void onlyTheLoadBalancerMayTellTheGatewayWhoTheClientIs(String overlay) {
        Map<String, String> gateway = RenderedOverlay.of(overlay).get(ConfigMap.class, "tracker-gateway-config").getData();
        if (overlay.equals("local")) {
            // nothing stands in front of the gateway: no peer is believed
            assertThat(gateway.get("TRUSTED_PROXIES")).isEmpty();
            return;
        }
        Map<String, String> settings = new TreeMap<>();
        Repository.read(Repository.path("k8s/overlays/eks/settings.env")).lines()
                .filter(line -> line.contains("=") && !line.startsWith("#"))
                .forEach(line -> settings.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        // the ALB's subnets, never the whole VPC, where any pod could pick its own client address
        assertThat(gateway.get("TRUSTED_PROXIES")).isEqualTo(settings.get("LOAD_BALANCER_CIDRS"))
                .doesNotContain(settings.get("VPC_CIDR"));
    }

    private static void assertProbe(SoftAssertions softly, String what, Probe probe,
            String path) {
        softly.assertThat(probe).as(what + " probe").isNotNull();
        if (probe != null) {
            softly.assertThat(probe.getHttpGet().getPath()).as(what + " probe path").isEqualTo(path);
            softly.assertThat(probe.getHttpGet().getPort().getStrVal()).as(what + " probe port").isEqualTo("http");
        }
    }

    /** Names of the variables a container gets: its env entries and the keys of the ConfigMaps it imports. */
    private static Set<String> environmentNames(RenderedOverlay rendered, Container container) {
        Set<String> names = new HashSet<>();
        nullSafe(container.getEnv()).forEach(variable -> names.add(variable.getName()));
        for (EnvFromSource source : nullSafe(container.getEnvFrom())) {
            names.addAll(rendered.get(ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet());
        }
        return names;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * The Secrets deploy/k8s-secrets.sh creates in one mode ({@code local} or {@code eks}), with their keys:
     * {@code apply_secret <name> "key=..." ...} or {@code apply_login_secret <name> ...} (username and password).
     */
    static final class SecretsScript {
        private static final Pattern APPLY = Pattern.compile("apply_secret ([a-z0-9-]+)((?: \"[^\"\\n]*\")*)");
        private static final Pattern APPLY_LOGIN = Pattern.compile("apply_login_secret ([a-z0-9-]+)");
        private static final Pattern KEY = Pattern.compile("\"([a-z0-9_.-]+)=");

        static Map<String, Set<String>> secretsAndKeys(String mode) {
            String script = Repository.read(Repository.path("deploy/k8s-secrets.sh"));
            Matcher function = Pattern.compile("(?s)\\n" + mode + "_secrets\\(\\) \\{\\n(.*?)\\n}\\n").matcher(script);
            assertThat(function.find()).as(mode + "_secrets() in deploy/k8s-secrets.sh").isTrue();
            String body = function.group(1);
            Map<String, Set<String>> secrets = new TreeMap<>();
            Matcher apply = APPLY.matcher(body);
            while (apply.find()) {
                secrets.computeIfAbsent(apply.group(1), name -> new TreeSet<>())
                        .addAll(Repository.firstGroups(KEY, apply.group(2)));
            }
            for (String name : Repository.firstGroups(APPLY_LOGIN, body)) {
                secrets.computeIfAbsent(name, any -> new TreeSet<>()).addAll(Set.of("username", "password"));
            }
            return secrets;
        }
    }
}
