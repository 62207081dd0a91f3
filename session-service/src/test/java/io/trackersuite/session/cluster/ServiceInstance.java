package io.trackersuite.session.cluster;

import static io.trackersuite.testing.RedisProxyResource.env;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * session-service started as its own process from the packaged application (the JVM jar, or the native executable
 * when the native profile built one), on a free port, against the real Redis; for multi-instance tests and
 * benchmarks, where one JVM cannot hold two Quarkus applications.
 */
public final class ServiceInstance implements AutoCloseable {

    private final Process process;
    private final URI base;

    private ServiceInstance(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * @param name for the log file target/instance-NAME.log
     * @param environment added to the defaults: Redis database 2, no EC2 metadata lookup, plain-text logs
     */
    public static ServiceInstance start(String name, Map<String, String> environment) throws IOException {
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("REDIS_URL", "redis://" + env("REDIS_HOST", "localhost") + ":" + env("REDIS_PORT", "6379") + "/2");
        env.put("INSTANCE_METADATA_ENABLED", "false");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("POD_NAME", name);
        env.putAll(environment);

        List<String> command = new ArrayList<>();
        Path nativeExecutable = Path.of(System.getProperty("native.image.path", "target/none-runner"));
        if (Files.isExecutable(nativeExecutable)) {
            command.add(nativeExecutable.toString());
        } else {
            Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " missing: run after `package` (failsafe does)");
            }
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-Xmx" + env.getOrDefault("BENCH_HEAP", "512m"));
            command.add("-jar");
            command.add(jar.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/instance-" + name + ".log"));
        builder.environment().putAll(env);
        ServiceInstance instance = new ServiceInstance(builder.start(), URI.create("http://localhost:" + port + "/"));
        instance.awaitReady(Duration.ofSeconds(90));
        return instance;
    }

    /** Empties the presence keys of the instances' Redis database, with plain RESP over a socket. */
    public static void clearPresence() throws IOException {
        try (java.net.Socket redis = new java.net.Socket(env("REDIS_HOST", "localhost"),
                Integer.parseInt(env("REDIS_PORT", "6379")))) {
            redis.getOutputStream().write(("SELECT 2\r\nDEL presence:sessions presence:heartbeats\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            redis.getOutputStream().flush();
            byte[] reply = new byte[64];
            int read = 0;
            // "+OK\r\n" then ":<n>\r\n": wait for both lines so the DEL has run before we go on
            while (read < reply.length && new String(reply, 0, read, java.nio.charset.StandardCharsets.US_ASCII)
                    .split("\r\n", -1).length < 3) {
                int n = redis.getInputStream().read(reply, read, reply.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        }
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

    private void awaitReady(Duration within) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("instance not ready within " + within);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
