package io.windshift.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One read of the launcher's loopback status endpoint ({@code .windshift/run/launcher.port} and {@code launcher.token}). */
record LauncherStatus(String phase, List<Instance> instances) {

    /** One instance: start-up is how long it took to be ready (-1 if unknown), RSS in MB (-1 if unknown). */
    record Instance(String id, String state, int port, long rssMb, long startUpMillis, boolean wanted) {
    }

    boolean allReady() {
        List<Instance> wanted = instances.stream().filter(Instance::wanted).toList();
        return phase.equals("up") && !wanted.isEmpty() && wanted.stream().allMatch(i -> i.state().equals("READY"));
    }

    long totalRssMb() {
        return instances.stream().filter(Instance::wanted).mapToLong(i -> Math.max(0, i.rssMb())).sum();
    }

    /** The status, or empty when no launcher answers. */
    static Optional<LauncherStatus> read(Path runDir) {
        try {
            Path port = runDir.resolve("launcher.port");
            Path token = runDir.resolve("launcher.token");
            if (!Files.isRegularFile(port) || !Files.isRegularFile(token)) {
                return Optional.empty();
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Files.readString(port).strip() + "/status"))
                    .header("X-Launcher-Token", Files.readString(token).strip()).timeout(Duration.ofSeconds(10)).GET().build();
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? Optional.of(parse(response.body())) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** First line {@code phase<TAB>text}, then {@code id state pid port restarts rssMb startUpMillis wanted}, tab-separated. */
    static LauncherStatus parse(String text) {
        String phase = "";
        List<Instance> instances = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t");
            if (f[0].equals("phase")) {
                phase = f.length > 1 ? f[1] : "";
            } else if (f.length >= 8) {
                instances.add(new Instance(f[0], f[1], Integer.parseInt(f[3]), Long.parseLong(f[5]), f[6].equals("-") ? -1 : Long.parseLong(f[6]),
                        Boolean.parseBoolean(f[7])));
            }
        }
        return new LauncherStatus(phase, instances);
    }
}
