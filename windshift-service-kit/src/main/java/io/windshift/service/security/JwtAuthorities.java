package io.windshift.service.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Maps the token's {@code roles} claim to {@code ROLE_*} and its {@code scope} claim to {@code SCOPE_*}. */
public final class JwtAuthorities {

    private JwtAuthorities() {
    }

    public static JwtAuthenticationToken authenticate(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : listClaim(jwt.getClaim("roles"))) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        for (String scope : listClaim(jwt.getClaim("scope"))) {
            authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
        }
        return authorities;
    }

    static List<String> listClaim(Object claim) {
        if (claim instanceof String text) {
            return List.of(text.trim().split("[\\s,]+")).stream().filter(s -> !s.isBlank()).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
