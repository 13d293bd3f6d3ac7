package io.windshift.gateway.signin;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes sure a console page's response carries the {@code XSRF-TOKEN} cookie: Spring Security only writes it when
 * something reads the token, and the page's script needs it before its first POST.
 */
@Component
class CsrfCookieFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        if (token == null || !exchange.getRequest().getPath().value().startsWith("/console")) {
            return chain.filter(exchange);
        }
        return token.then(chain.filter(exchange));
    }
}
