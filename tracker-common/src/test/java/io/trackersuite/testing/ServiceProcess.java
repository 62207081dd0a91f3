package io.trackersuite.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service of the suite started as its own process from its packaged application (the JVM jar or a native
 * executable), on a free port given as {@code HTTP_PORT}: for multi-instance tests, benchmarks, and tests of one
 * service against its real neighbours, where one JVM cannot hold two Quarkus applications.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final URI base;

    private ServiceProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** {@link #launch} and {@link #awaitReady}: the process answers {@code /q/health/ready} with 200 when this returns. */
    public static ServiceProcess start(List<String> command, Map<String, String> environment, Path log) {
        ServiceProcess service = launch(command, environment, log);
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    /** Starts the process without waiting, so several services can boot side by side. */
    public static ServiceProcess launch(List<String> command, Map<String, String> environment, Path log) {
        return launch(command, environment, ProcessBuilder.Redirect.to(log.toFile()), freePort());
    }

    /**
     * A restart where the clients expect the service: the same command on this one's port, its log appended to the
     * same file. Stop this one first.
     */
    public ServiceProcess relaunch(List<String> command, Map<String, String> environment, Path log) {
        return launch(command, environment, ProcessBuilder.Redirect.appendTo(log.toFile()), base.getPort());
    }

    private static ServiceProcess launch(List<String> command, Map<String, String> environment,
            ProcessBuilder.Redirect log, int port) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        try {
            return new ServiceProcess(builder.start(), URI.create("http://localhost:" + port + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * The command that runs a packaged JVM application with the given heap and further JVM options (e.g. system
     * properties), on the JVM running the tests, with the AOT cache its build trained where this JVM can use one.
     */
    public static List<String> javaJar(Path jar, String heap, String... jvmOptions) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first (./mvnw package, or the"
                    + " whole build with ./mvnw verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        Path cache = jar.resolveSibling("app.aot");
        if (Runtime.version().feature() >= 24 && Files.exists(cache)) {
            command.add("-XX:AOTCache=" + cache);
        }
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString()));
        return List.copyOf(command);
    }

    public URI base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    /** Resident memory of the process, from /proc (Linux). */
    public long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** As when the node dies: no shutdown hook, no goodbye to Redis or the clients. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public void awaitReady(Duration within) {
        awaitOk(process, base.resolve("/q/health/ready"), within, "the service on " + base);
    }

    /**
     * Waits until {@code uri} answers 200 while {@code process} runs; the process is killed when it does not in time.
     * For any server a test starts as a process (services, an OIDC provider).
     */
    public static void awaitOk(Process process, URI uri, Duration within, String what) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(what + " was not ready within " + within);
    }

    /** A TCP port free on this machine right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
