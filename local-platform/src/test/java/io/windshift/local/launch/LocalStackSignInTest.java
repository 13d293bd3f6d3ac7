package io.windshift.local.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.local.LocalIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ./windshift up gives the identity provider and the gateway so that sign-in works locally. */
class LocalStackSignInTest {

    @TempDir
    Path root;

    @Test
    void theProviderGetsItsIssuerTheLocalKeysAndBothGatewayAddressesToReturnTo() {
        LocalStack stack = new LocalStack(root, Map.of());

        List<String> args = stack.serviceArgs("identity-provider");

        assertThat(args).contains("--windshift.identity.issuer=http://localhost:8084",
                "--windshift.identity.keys=" + root.resolve(".windshift/keys"),
                "--windshift.identity.state=" + root.resolve(".windshift/identity"),
                "--windshift.identity.console.redirect-uris=http://localhost:8080/login/oauth2/code/windshift,"
                        + "http://127.0.0.1:8080/login/oauth2/code/windshift",
                "--windshift.identity.console.post-logout-redirect-uris=http://localhost:8080/signed-out,http://127.0.0.1:8080/signed-out");
        assertThat(stack.serviceArgs("alliance-service")).noneMatch(a -> a.startsWith("--windshift.identity"));
    }

    @Test
    void theGatewaySignsInAtTheLocalProviderWithTheSecretFromTheKeysDirectoryAndNoSecureCookies() throws Exception {
        LocalStack stack = new LocalStack(root, Map.of());
        try (Supervisor supervisor = new Supervisor(Files.createDirectories(root.resolve("run")), root.resolve("logs"), line -> { })) {
            Map<String, String> env = stack.serviceEnv("gateway", supervisor);

            String secret = LocalIdentity.clientSecret(root.resolve(".windshift/keys"), LocalIdentity.CONSOLE_CLIENT);
            assertThat(secret).hasSizeGreaterThan(30);
            assertThat(env).containsEntry("WINDSHIFT_LOGIN_ISSUER_URI", "http://localhost:8084")
                    .containsEntry("WINDSHIFT_LOGIN_CLIENT_SECRET", secret)
                    .containsEntry("WINDSHIFT_SESSION_COOKIE_SECURE", "false");
            assertThat(stack.serviceEnv("obligation-service", supervisor)).doesNotContainKey("WINDSHIFT_LOGIN_CLIENT_SECRET");
        }
    }

    @Test
    void theProviderStartsWithTheOtherServicesBeforeTheGateway() {
        assertThat(LocalStack.SERVICES).containsSubsequence("identity-provider", "gateway");
        assertThat(LocalStack.SCALABLE).doesNotContain("identity-provider");
    }
}
