package io.windshift.gateway.signin;

import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /console/api/me}: who is signed in, for the console's header: {@code {personId, name, roles}}. From the
 * session's ID token, or from a bearer token's claims. Unauthenticated: 401 problem+json (the security chain).
 */
@RestController
class MeController {

    record Me(String personId, String name, List<String> roles) {
    }

    @GetMapping("/console/api/me")
    Mono<Me> me(Mono<Principal> principal) {
        return principal.map(MeController::describe);
    }

    static Me describe(Principal principal) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (principal instanceof OAuth2AuthenticationToken session) {
            claims.putAll(session.getPrincipal().getAttributes());
        } else if (principal instanceof JwtAuthenticationToken bearer) {
            claims.putAll(bearer.getToken().getClaims());
        }
        String id = claims.get("sub") instanceof String sub ? sub : principal.getName();
        String name = claims.get("name") instanceof String n ? n : id;
        List<String> roles = claims.get("roles") instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        return new Me(id, name, roles);
    }
}
