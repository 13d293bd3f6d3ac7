package io.windshift.gateway.console;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The console (module {@code console}) is served as static resources from its jar's {@code META-INF/resources/console/};
 * these routes only give it its entry points: {@code /} and {@code /console} lead to {@code /console/}, which is the inbox.
 */
@Configuration
class ConsolePages {

    static final Resource INBOX = new ClassPathResource("META-INF/resources/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consoleEntry() {
        return RouterFunctions.route()
                .GET("/", request -> ServerResponse.temporaryRedirect(URI.create("/console/")).build())
                .GET("/console", request -> ServerResponse.temporaryRedirect(URI.create("/console/")).build())
                .GET("/console/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(INBOX))
                .build();
    }
}
