package io.windshift.gateway.security;

import io.windshift.gateway.GatewayProperties;
import io.windshift.gateway.signin.LoginProperties;
import java.net.URI;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Requests without an {@code Authorization} header: the browser side of the backend-for-frontend. People sign in with
 * OpenID Connect (authorization code + PKCE); the session is server-side (WebSession, cookie {@code WINDSHIFT_SESSION},
 * HttpOnly, SameSite=Lax, Secure outside local); the access token stays in the session and is relayed to the services.
 * State-changing calls with the session cookie need the CSRF token: cookie {@code XSRF-TOKEN} (readable by the page's
 * script) sent back as header {@code X-XSRF-TOKEN}. Pages ({@code /}, {@code /console/**}) redirect to sign-in;
 * everything else answers 401 problem+json as before, so anonymous API calls look exactly as they did.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSessionSecurity {

    static final String SESSION_COOKIE = "WINDSHIFT_SESSION";
    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Bean
    @Order(2)
    SecurityWebFilterChain browserSessionChain(ServerHttpSecurity http, GatewayProperties gateway, LoginProperties login,
                                               ReactiveClientRegistrationRepository registrations,
                                               ServerOAuth2AuthorizedClientRepository authorizedClients) {
        ProblemResponses problems = new ProblemResponses();
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").secure(login.secureCookie()));

        DefaultServerOAuth2AuthorizationRequestResolver pkce = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        OidcClientInitiatedServerLogoutSuccessHandler signedOut = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        signedOut.setLogoutSuccessUrl(URI.create("/signed-out"));

        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(pages(), new RedirectServerAuthenticationEntryPoint(
                        "/oauth2/authorization/" + LoginProperties.REGISTRATION_ID)));
        entryPoint.setDefaultEntryPoint(problems);

        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, GatewaySecurity.PUBLIC_PATHS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/signed-out").permitAll()
                        .anyExchange().authenticated())
                .cors(cors -> cors.configurationSource(GatewaySecurity.corsSource(gateway.cors())))
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .oauth2Login(oauth -> oauth
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .authorizationRequestResolver(pkce)
                        .authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler("/signed-out?error")))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                                new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(signedOut))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        // The plain token (not the per-request masked one): the page's script sends back what the cookie holds.
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(BrowserSessionSecurity::stateChangingWithSession)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(problems))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .build();
    }

    /** Console pages: a browser that is not signed in is sent to sign in; the console's JSON API is not a page. */
    static ServerWebExchangeMatcher pages() {
        return new AndServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/", "/console", "/console/**"),
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/console/api/**")));
    }

    /**
     * CSRF guards what a session cookie could authorise: an unsafe method sent with the session cookie. Without the cookie
     * the request is anonymous and gets the usual 401, exactly as before the sign-in existed.
     */
    static reactor.core.publisher.Mono<ServerWebExchangeMatcher.MatchResult> stateChangingWithSession(
            org.springframework.web.server.ServerWebExchange exchange) {
        boolean unsafe = !SAFE.contains(exchange.getRequest().getMethod());
        HttpCookie session = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        return unsafe && session != null ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }
}
