package io.windshift.local.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The launcher's loopback control API ({@code .windshift/run/launcher.port} and {@code launcher.token}). */
final class LauncherClient {

    /** One line of {@code GET /status}. */
    record Status(String id, String state, long pid, int port, int restarts, boolean wanted) {
        String component() {
            return id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final String token;

    LauncherClient(Path runDir) throws IOException {
        Path portFile = runDir.resolve("launcher.port");
        if (!Files.isRegularFile(portFile)) {
            throw new IllegalStateException("no launcher running (" + portFile + " missing): start the platform with ./windshift up");
        }
        this.base = "http://127.0.0.1:" + Files.readString(portFile).trim();
        this.token = Files.readString(runDir.resolve("launcher.token")).trim();
    }

    List<Status> status() {
        List<Status> result = new ArrayList<>();
        String[] lines = call("GET", "/status", null).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t");
            if (f.length >= 8) {
                result.add(new Status(f[0], f[1], f[2].equals("-") ? -1 : Long.parseLong(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Boolean.parseBoolean(f[7])));
            }
        }
        return result;
    }

    Optional<Status> instance(String id) {
        return status().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    void kill(String id) {
        call("POST", "/kill", id);
    }

    void start(String id) {
        call("POST", "/start", id);
    }

    void stop(String id) {
        call("POST", "/stop", id);
    }

    /** Waits until every wanted instance is READY; returns false when the bound passed first. */
    boolean awaitAllReady(Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (status().stream().filter(Status::wanted).allMatch(s -> s.state().equals("READY"))) {
                    return true;
                }
            } catch (RuntimeException e) {
                // the launcher may be busy; ask again
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    boolean awaitReady(String id, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            if (instance(id).filter(s -> s.state().equals("READY")).isPresent()) {
                return true;
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    private String call(String method, String path, String id) {
        String uri = base + path + (id == null ? "" : "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).header("X-Launcher-Token", token).timeout(Duration.ofSeconds(150))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " " + id + ": launcher answered " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("launcher unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
