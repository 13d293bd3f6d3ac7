package io.windshift.local.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A service's executable jar, extracted once per build into {@code .windshift/app/NAME} (Spring Boot's jar tools
 * layout starts faster than the fat jar), and its start-up archive: a training run records the classes loaded up to
 * the refreshed context; later starts map the archive and skip most class loading and verification. On JDK 25 and
 * later the archive is an AOT cache (JEP 483/514: classes also linked, and Spring's proxies and lambdas resolved),
 * on older JDKs a dynamic AppCDS archive.
 */
final class ServiceJars {

    /** JDK 25 takes {@code -XX:AOTCacheOutput} in one training run; older JDKs get a dynamic AppCDS archive. */
    static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    record Prepared(Path directory, Path jar, List<String> cdsFlags) {
    }

    private ServiceJars() {
    }

    static Path execJar(LocalStack stack, String name) {
        try (Stream<Path> files = Files.list(stack.root.resolve(name + "/target"))) {
            return files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "-.*-exec\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + ": no executable jar in " + name
                            + "/target; run ./windshift build"));
        } catch (IOException e) {
            throw new IllegalStateException(name + ": no target directory; run ./windshift build", e);
        }
    }

    /** Extracts the jar if it changed since the last extraction; returns where to run it from. */
    static synchronized Prepared prepare(LocalStack stack, String name) {
        Path jar = execJar(stack, name);
        Path dir = stack.app.resolve(name);
        Path extracted = dir.resolve(jar.getFileName());
        try {
            String source = jar + " " + Files.getLastModifiedTime(jar).toMillis();
            Path sourceFile = dir.resolve(".source");
            if (!Files.exists(sourceFile) || !Files.readString(sourceFile).equals(source) || !Files.exists(extracted)) {
                deleteTree(dir);
                Files.createDirectories(dir);
                Files.createDirectories(stack.logs);
                int code = LocalStack.runQuietly(List.of(stack.java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                        "--destination", dir.toString()), stack.logs.resolve(name + ".extract.log"), Map.of(), dir, Duration.ofSeconds(120));
                if (code != 0) {
                    deleteTree(dir);
                    throw new IllegalStateException(name + ": extracting " + jar + " failed, see " + stack.logs.resolve(name + ".extract.log"));
                }
                Files.writeString(sourceFile, source);
                Files.deleteIfExists(archive(stack, name));
                Files.deleteIfExists(stack.cds.resolve(name + ".key"));
                Files.deleteIfExists(stack.cds.resolve(name + ".failed"));
            }
            return new Prepared(dir, extracted, cdsFlags(stack, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> cdsFlags(LocalStack stack, String name) throws IOException {
        Path archive = archive(stack, name);
        if (!cdsEnabled(stack) || !Files.exists(archive) || !key(stack, name).equals(read(stack.cds.resolve(name + ".key")).orElse(""))) {
            return List.of();
        }
        return AOT_CACHE ? List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off")
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    static Path archive(LocalStack stack, String name) {
        return stack.cds.resolve(name + (AOT_CACHE ? ".aot" : ".jsa"));
    }

    static boolean cdsEnabled(LocalStack stack) {
        return !"0".equals(stack.env.getOrDefault("WINDSHIFT_CDS", "1"));
    }

    /** True if the service has neither a current archive nor a failed training for this build and these flags. */
    static boolean needsTraining(LocalStack stack, String name) {
        if (!cdsEnabled(stack)) {
            return false;
        }
        try {
            prepare(stack, name);
            String key = key(stack, name);
            return !(Files.exists(archive(stack, name)) && key.equals(read(stack.cds.resolve(name + ".key")).orElse("")))
                    && !key.equals(read(stack.cds.resolve(name + ".failed")).orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The training run (needs Kafka and the store up). A failure only means starting without the archive. */
    static boolean train(LocalStack stack, String name, Supervisor supervisor) {
        try {
            Prepared prepared = prepare(stack, name);
            Files.createDirectories(stack.cds);
            Path archive = archive(stack, name);
            Files.deleteIfExists(archive);
            List<String> command = new ArrayList<>(List.of(stack.java, "-Dwindshift.training=" + name));
            command.addAll(LocalStack.SERVICE_JVM_FLAGS);
            command.addAll(stack.extraJavaOptions());
            command.addAll(List.of("-XX:ErrorFile=" + stack.logs.resolve(name + "-hs_err-%p.log"),
                    (AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive, "-Dspring.context.exit=onRefresh",
                    "-jar", prepared.jar().toString()));
            command.addAll(stack.serviceArgs(name));
            command.addAll(List.of("--server.port=0", "--windshift.messaging.create-topics=false"));
            int code = LocalStack.runQuietly(command, stack.logs.resolve(name + ".cds.log"), stack.serviceEnv(name, supervisor),
                    prepared.directory(), Duration.ofSeconds(300));
            String key = key(stack, name);
            if (code == 0 && Files.exists(archive) && Files.size(archive) > 0) {
                Files.writeString(stack.cds.resolve(name + ".key"), key);
                return true;
            }
            Files.deleteIfExists(archive);
            Files.writeString(stack.cds.resolve(name + ".failed"), key);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(LocalStack stack, String name) throws IOException {
        return Runtime.version() + " | " + stack.java + " | " + read(stack.app.resolve(name).resolve(".source")).orElse("")
                + " | " + String.join(" ", LocalStack.SERVICE_JVM_FLAGS) + " " + String.join(" ", stack.extraJavaOptions());
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
