package io.windshift.local.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/** Readiness checks the components use. */
public final class Probes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Probes() {
    }

    /** {@code Probes URL}: prints the body of a GET and exits 0 if it answered 200 (for scripts without curl). */
    public static void main(String[] args) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        System.exit(response.statusCode() == 200 ? 0 : 1);
    }

    /** A Spring Boot service: {@code GET /actuator/health/readiness} answers 200. */
    public static Component.Readiness springReadiness() {
        return instance -> httpOk("http://localhost:" + instance.port() + "/actuator/health/readiness");
    }

    /** The port accepts connections and the log shows the line the process writes once it serves. */
    public static Component.Readiness portAndLog(String line) {
        return instance -> portOpen(instance.port()) && logContains(instance, line);
    }

    public static Component.Readiness port() {
        return instance -> portOpen(instance.port());
    }

    public static boolean httpOk(String url) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean logContains(Instance instance, String line) {
        try {
            return Files.exists(instance.log()) && Files.readString(instance.log()).contains(line);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
