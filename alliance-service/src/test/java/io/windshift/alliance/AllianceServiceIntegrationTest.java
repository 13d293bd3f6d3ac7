package io.windshift.alliance;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TestKeys;
import io.windshift.service.security.JwtAuthorities;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** alliance-service on a real embedded KRaft broker and an in-memory Mongo-wire store. */
@SpringBootTest(properties = {
        "windshift.messaging.partitions=3",
        "spring.mongodb.database=alliance-it"
})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class AllianceServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
        registry.add("windshift.security.jwt.public-key-location", TestKeys::publicKeyLocation);
    }

    protected static RequestPostProcessor person(String personId, String... roles) {
        return token(Jwt.withTokenValue("t").header("alg", "RS256").subject(personId).claim("roles", List.of(roles)).build());
    }

    protected static RequestPostProcessor client(String clientId, String... scopes) {
        return token(Jwt.withTokenValue("t").header("alg", "RS256").subject(clientId).claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes)).build());
    }

    private static RequestPostProcessor token(Jwt jwt) {
        return jwt().jwt(jwt).authorities(JwtAuthorities.authorities(jwt));
    }
}
