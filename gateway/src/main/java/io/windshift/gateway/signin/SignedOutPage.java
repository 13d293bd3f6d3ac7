package io.windshift.gateway.signin;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where sign-out ends (the provider sends the browser back here); the console's entry URLs are {@code ConsolePages}'. */
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
}
