package io.windshift.local.demo;

import io.windshift.local.LocalTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Talks to a running platform through its gateway, as an integrator would: JSON over HTTP with tokens the
 * local platform accepts (signed with the key in {@code .windshift/keys}).
 */
public final class PlatformClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final PrivateKey key;

    public PlatformClient(String baseUrl, Path keysDir) throws IOException {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = LocalTokens.readPrivateKey(keysDir.resolve(LocalTokens.PRIVATE_KEY_FILE));
    }

    public String personToken(String personId, String... roles) {
        return LocalTokens.sign(key, LocalTokens.personClaims(personId, List.of(roles), null, LocalTokens.DEFAULT_ISSUER,
                LocalTokens.DEFAULT_AUDIENCE, Instant.now(), 4 * 3600));
    }

    public String clientToken(String clientId, String... scopes) {
        return LocalTokens.sign(key, LocalTokens.clientClaims(clientId, List.of(scopes), LocalTokens.DEFAULT_ISSUER,
                LocalTokens.DEFAULT_AUDIENCE, Instant.now(), 4 * 3600));
    }

    public HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), token);
    }

    public HttpResponse<String> post(String path, String token, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    public HttpResponse<String> put(String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    /** POSTs and insists on a 2xx, retrying after a 429 or 503 as the response asks. */
    public HttpResponse<String> postOk(String path, String token, String contentType, String body) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = post(path, token, contentType, body);
            if (response.statusCode() / 100 == 2) {
                return response;
            }
            if ((response.statusCode() == 429 || response.statusCode() == 503) && attempt < 60) {
                long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                pause(Duration.ofMillis(Math.max(200, wait * 1000)));
                continue;
            }
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        try {
            return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + baseUrl + " (is `./windshift up` running?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal. */
    public static String q(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
