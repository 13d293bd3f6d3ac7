package io.windshift.gateway.security;

import io.windshift.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as RFC 9457 problem+json, with the {@code WWW-Authenticate: Bearer} challenge on 401. The
 * detail never echoes the token or its claims.
 */
class ProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "A valid bearer token is required (signed RS256 by the trusted issuer, for this audience, not expired).");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return Problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden", "The token does not allow this call.");
    }
}
