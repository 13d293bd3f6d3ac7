package io.windshift.identity.signin.api;

import io.windshift.identity.signin.SignInAttempts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page: one form with labelled fields, a main landmark and a live error message, styled lightly
 * (no script, no external resource). Spring Security's form login handles the POST to {@code /login}.
 */
@RestController
class SignInPage {

    private final SignInAttempts attempts;

    SignInPage(SignInAttempts attempts) {
        this.attempts = attempts;
    }

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String login(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        boolean locked = request.getParameter("locked") != null;
        boolean refused = request.getParameter("refused") != null;
        boolean failed = request.getParameter("error") != null || locked || refused;
        boolean signedOut = request.getParameter("logout") != null;
        String error = locked ? "Too many wrong passwords: sign-in for this person is locked for " + attempts.duration().toMinutes()
                + " minutes. Try again later, or ask an administrator to set a new password."
                : refused ? "The HR directory does not know this person, or they have left: sign-in is refused."
                : "Wrong person id, email or password.";
        String message = failed ? "<p class=\"error\" role=\"alert\" id=\"login-error\">" + HtmlUtils.htmlEscape(error) + "</p>"
                : signedOut ? "<p class=\"info\" role=\"status\">You are signed out.</p>" : "";
        String described = failed ? " aria-describedby=\"login-error\" aria-invalid=\"true\"" : "";
        return page("Sign in", """
                <h1>Sign in to Windshift</h1>
                %s
                <form method="post" action="login">
                  <input type="hidden" name="%s" value="%s">
                  <label for="username">Person id or email</label>
                  <input id="username" name="username" type="text" autocomplete="username" required autofocus%s>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required%s>
                  <button type="submit">Sign in</button>
                </form>
                <p class="hint">Local sign-in: <code>./windshift demo</code> prints the demo people's passwords.</p>
                """.formatted(message, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()),
                described, described));
    }

    /** Where someone lands who signed in here directly rather than coming from the console. */
    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String signedIn() {
        return page("Signed in", "<h1>You are signed in</h1>\n<p>Go back to the Windshift console to continue.</p>");
    }

    static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s · Windshift</title>
                  <style>
                    body { font-family: system-ui, sans-serif; background: #f4f6f8; color: #1b1f23; margin: 0; }
                    header { background: #0b3d5c; color: #fff; padding: .75rem 1.5rem; font-weight: 600; }
                    main { max-width: 24rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: .5rem;
                           box-shadow: 0 1px 3px rgba(0,0,0,.2); }
                    h1 { font-size: 1.4rem; margin-top: 0; }
                    label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
                    input { width: 100%%; box-sizing: border-box; padding: .5rem; border: 1px solid #57606a; border-radius: .25rem; font-size: 1rem; }
                    input:focus, button:focus { outline: 3px solid #0969da; outline-offset: 2px; }
                    button { margin-top: 1.5rem; width: 100%%; padding: .6rem; background: #0b3d5c; color: #fff; border: 0;
                             border-radius: .25rem; font-size: 1rem; cursor: pointer; }
                    .error { color: #a40e26; background: #ffebe9; padding: .5rem; border-radius: .25rem; }
                    .info { color: #0a3069; background: #ddf4ff; padding: .5rem; border-radius: .25rem; }
                    .hint { color: #57606a; font-size: .875rem; margin-top: 1.5rem; }
                  </style>
                </head>
                <body>
                  <header role="banner">Windshift</header>
                  <main>
                %s
                  </main>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(title), body);
    }
}
