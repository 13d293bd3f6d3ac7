package io.windshift.e2e;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The thin path on the embedded default: a real KRaft broker and a Mongo-wire server in the test JVM. */
class ThinPathEmbeddedIT extends EventSubscriptionScenario {

    static EmbeddedInfrastructure infrastructure;
    static Tokens tokens;
    static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        infrastructure = EmbeddedInfrastructure.start();
        tokens = new Tokens(Files.createTempDirectory("windshift-e2e-keys"));
        platform = Platform.start("embedded", infrastructure.kafkaBootstrap(), infrastructure.mongoUri(), tokens.publicKey());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Override
    Platform platform() {
        return platform;
    }

    @Override
    Tokens tokens() {
        return tokens;
    }
}
