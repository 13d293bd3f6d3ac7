package io.windshift.identity.tokens;

import io.windshift.identity.IdentityProperties;
import io.windshift.identity.LocalSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients: the gateway (authorization code with PKCE, refresh tokens, OIDC logout) and the integration
 * clients (client credentials, one scope list each). Every secret is a file under {@code .windshift/keys}, generated on
 * first use; none is in the repository.
 */
@Configuration(proxyBeanMethods = false)
class Clients {

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build();
        List<RegisteredClient> clients = new ArrayList<>();
        IdentityProperties.Console console = properties.console();
        RegisteredClient.Builder gateway = RegisteredClient.withId(console.clientId())
                .clientId(console.clientId())
                .clientSecret("{noop}" + LocalSecrets.clientSecret(properties.keys(), console.clientId()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                // PKCE on top of the client secret; people sign in to their own company tool, no consent screen.
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens);
        console.redirectUris().forEach(gateway::redirectUri);
        console.postLogoutRedirectUris().forEach(gateway::postLogoutRedirectUri);
        clients.add(gateway.build());
        for (Map.Entry<String, List<String>> client : properties.clients().entrySet()) {
            RegisteredClient.Builder builder = RegisteredClient.withId(client.getKey())
                    .clientId(client.getKey())
                    .clientSecret("{noop}" + LocalSecrets.clientSecret(properties.keys(), client.getKey()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(tokens);
            client.getValue().forEach(builder::scope);
            clients.add(builder.build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }
}
