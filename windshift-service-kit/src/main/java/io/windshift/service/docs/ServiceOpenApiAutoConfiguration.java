package io.windshift.service.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every service describes its API at {@code /v3/api-docs}. The document names the gateway as its server
 * (a relative URL: "try it out" in the gateway's Swagger UI goes through the front door, never straight
 * to the service) and declares the bearer-token scheme every call needs. Every operation documents its problem
 * responses ({@link ProblemDocumentation}); a test lints the documents as served by the gateway (contract-lint/).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class ServiceOpenApiAutoConfiguration {

    static final String BEARER = "bearer-jwt";
    /** The HTTP contract's version: paths stay under /api/v1; docs/contract-changelog.md says what each version added. */
    public static final String CONTRACT_VERSION = "1.3.0";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI windshiftOpenApi(@Value("${spring.application.name:windshift-service}") String name) {
        return new OpenAPI()
                .info(new Info().title("Windshift " + name).version(CONTRACT_VERSION)
                        .description("Reached through the gateway. Errors are RFC 9457 application/problem+json. "
                                + "Versions and changes: docs/contract-changelog.md.")
                        .contact(new Contact().name("Windshift platform team"))
                        // SPDX's form for a licence that is not on its list: Windshift is not open source.
                        .license(new License().name("Proprietary").identifier("LicenseRef-Windshift-Proprietary")))
                .servers(List.of(new Server().url("/").description("the Windshift gateway")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("RS256 JWT: sub = person id or client id; roles; scope")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemDocumentation windshiftProblemDocumentation() {
        return new ProblemDocumentation();
    }

    @Bean
    @ConditionalOnMissingBean
    SchemaExamples windshiftSchemaExamples() {
        return new SchemaExamples();
    }
}
