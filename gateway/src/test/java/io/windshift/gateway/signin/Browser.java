package io.windshift.gateway.signin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's cookie jar and redirects, one hop at a time, so the test can look at each. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** What a browser asks for when it navigates (a JSON-first Accept would not be remembered for after sign-in). */
    static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    /** Follows redirects from {@code url} until one leaves for {@code stopAt} or a page answers; returns that last answer. */
    HttpResponse<String> follow(String url, String stopAt) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            String next = URI.create(url).resolve(location(response)).toString();
            if (next.startsWith(stopAt)) {
                return response;
            }
            url = next;
            response = get(url);
        }
        return response;
    }

    /** Submits the provider's sign-in form at {@code loginUrl}; returns the answer to the POST. */
    HttpResponse<String> signIn(String loginUrl, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = get(loginUrl);
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("no sign-in form at " + loginUrl + ": " + page.statusCode() + " " + page.body());
        }
        return postForm(loginUrl, Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
    }

    Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "no redirect: " + response.statusCode() + " " + response.body()));
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
