package io.windshift.identity.tokens;

import io.windshift.identity.IdentityProperties;
import io.windshift.identity.LocalSecrets;
import io.windshift.identity.hr.HrMirror;
import io.windshift.identity.people.People;
import io.windshift.identity.signin.LocalSignIn;
import io.windshift.identity.signin.SignInAttempts;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the OAuth2/OIDC protocol endpoints (authorize, token, JWK set, discovery, userinfo, logout), the
 * admin endpoint (HTTP Basic with the local admin secret, stateless, no CSRF: it is called by scripts) and the sign-in
 * page with form login (session, CSRF).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http, People people) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as.oidc(oidc -> oidc.userInfoEndpoint(info -> info
                        .userInfoMapper(context -> TokenClaims.userInfo(context, people)))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // A browser that is not signed in yet goes to the sign-in page, and comes back to /oauth2/authorize after.
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain admin(HttpSecurity http, IdentityProperties properties) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername("admin").password("{noop}" + LocalSecrets.adminSecret(properties.keys())).roles("ADMIN").build()));
        http.securityMatcher("/admin/**")
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signIn(HttpSecurity http, People people, PasswordEncoder encoder, HrMirror hr, SignInAttempts attempts,
                               @Value("${windshift.identity.hr-mirror.enabled:true}") boolean hrRequired) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().authenticated())
                // Only this decision: lockout, password, HR mirror (no fallback provider that would skip the lockout).
                .authenticationManager(new ProviderManager(new LocalSignIn(people, encoder, hr, hrRequired, attempts, Clock.systemUTC())))
                .formLogin(form -> form.loginPage("/login").permitAll().failureHandler((request, response, e) ->
                        response.sendRedirect(request.getContextPath() + (e instanceof LockedException ? "/login?locked"
                                : e instanceof DisabledException ? "/login?refused" : "/login?error"))));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }
}
