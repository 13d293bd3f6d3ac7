package io.windshift.gateway.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every response, proxied or not, overriding whatever a service sent. HSTS is sent
 * on plain HTTP too, because TLS ends in front of the gateway (browsers ignore it over HTTP). The API
 * gets a CSP that allows nothing; Swagger UI one that allows only its own scripts and styles.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeadersFilter implements WebFilter {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'";

    /** Console pages: their own scripts, styles and API only; the sign-out form may go on to the identity provider. */
    static String consoleCsp(String identityProviderOrigin) {
        String formAction = identityProviderOrigin.isBlank() ? "'self'" : "'self' " + identityProviderOrigin;
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
                + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action " + formAction;
    }

    private final String consoleCsp;

    public SecurityHeadersFilter(@Value("${windshift.gateway.login.issuer-uri:}") String identityProvider) {
        this.consoleCsp = consoleCsp(identityProvider == null || identityProvider.isBlank() ? ""
                : java.net.URI.create(identityProvider).getScheme() + "://" + java.net.URI.create(identityProvider).getRawAuthority());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        boolean docs = path.startsWith("/swagger-ui") || path.startsWith("/webjars/");
        boolean console = path.equals("/console") || path.startsWith("/console/") || path.equals("/signed-out");
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            // Console pages: same-origin, not no-referrer. Under no-referrer Chromium sends "Origin: null" with a form POST
            // (the header's sign-out form), which CORS processing refuses with 403; same-origin still sends no referrer
            // to any other origin.
            headers.set("Referrer-Policy", console ? "same-origin" : "no-referrer");
            headers.set("Content-Security-Policy", docs ? DOCS_CSP : console ? consoleCsp : API_CSP);
            if (!docs && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
