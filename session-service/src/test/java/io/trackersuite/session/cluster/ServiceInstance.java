package io.trackersuite.session.cluster;

import static io.trackersuite.testing.RedisProxyResource.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.trackersuite.testing.ServiceProcess;

/**
 * session-service started as its own process (the JVM jar, or the native executable when the native profile built
 * one) against the real Redis, with the settings every multi-instance test and benchmark shares.
 */
public final class ServiceInstance {

    private ServiceInstance() {
    }

    /**
     * @param name for the log file target/instance-NAME.log
     * @param environment added to the defaults: Redis database 2, no EC2 metadata lookup, plain-text logs
     */
    public static ServiceProcess start(String name, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", "redis://" + env("REDIS_HOST", "localhost") + ":" + env("REDIS_PORT", "6379") + "/2");
        env.put("INSTANCE_METADATA_ENABLED", "false");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("POD_NAME", name);
        env.putAll(environment);
        Path nativeExecutable = Path.of(System.getProperty("native.image.path", "target/none-runner"));
        List<String> command = Files.isExecutable(nativeExecutable) ? List.of(nativeExecutable.toString())
                : ServiceProcess.javaJar(Path.of("target/quarkus-app/quarkus-run.jar"), env.getOrDefault("BENCH_HEAP", "512m"));
        return ServiceProcess.start(command, env, Path.of("target/instance-" + name + ".log"));
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
}
