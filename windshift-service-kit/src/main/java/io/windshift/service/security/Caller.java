package io.windshift.service.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling: the token's subject (a person id or an integration client id) and what it may do. */
public record Caller(String subject, Set<String> roles, Set<String> scopes) {

    public static final String ALLIANCE_ADMIN = "ALLIANCE_ADMIN";
    public static final String HEAD_OF_ALLIANCE_MANAGEMENT = "HEAD_OF_ALLIANCE_MANAGEMENT";

    public static Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        Set<String> authorities = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return new Caller(auth.getName(),
                strip(authorities, "ROLE_"),
                strip(authorities, "SCOPE_"));
    }

    private static Set<String> strip(Set<String> authorities, String prefix) {
        return authorities.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).collect(Collectors.toUnmodifiableSet());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** A person (a token with roles), as opposed to an integration client that only has scopes. */
    public boolean isPerson() {
        return !roles.isEmpty();
    }

    /** Sees the whole portfolio. */
    public boolean seesEverything() {
        return hasRole(ALLIANCE_ADMIN) || hasRole(HEAD_OF_ALLIANCE_MANAGEMENT);
    }
}
