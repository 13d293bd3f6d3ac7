package io.windshift.gateway.signin;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import java.net.URI;

/**
 * Where sign-out ends (the provider sends the browser back here), and the two entry URLs: {@code /} goes to the console,
 * {@code /console/} serves its {@code index.html} (the console module's static files live under {@code classpath:/console/}).
 */
@RestController
class SignedOutPage {

    static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Signed out · Windshift</title></head>
            <body>
            <header><p>Windshift</p></header>
            <main>
            <h1>You are signed out</h1>
            <p><a href="/console/">Sign in again</a></p>
            </main>
            </body>
            </html>
            """;

    @GetMapping(path = "/signed-out", produces = MediaType.TEXT_HTML_VALUE)
    String signedOut() {
        return PAGE;
    }

    @GetMapping("/")
    ResponseEntity<Void> root() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/")).build();
    }

    @GetMapping("/console")
    ResponseEntity<Void> consoleWithoutSlash() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/")).build();
    }

    @GetMapping("/console/")
    ResponseEntity<?> console() {
        ClassPathResource index = new ClassPathResource("console/index.html");
        if (!index.exists()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(index);
    }
}
