package io.windshift.identity.people.api;

import io.windshift.identity.people.People;
import io.windshift.identity.people.Person;
import io.windshift.identity.signin.SignInAttempts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /admin/people/{personId}}: sets a person's local password, name, email and roles (the local mapping).
 * Guarded by the admin secret in {@code .windshift/keys/identity-admin.secret} (HTTP Basic, user {@code admin}).
 * Bad input is 400 problem+json naming the field, and nothing is stored.
 */
@RestController
@RequestMapping("/admin/people")
class AdminController {

    static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ROLE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    static final int MIN_PASSWORD = 8;

    record PersonRequest(String name, String email, String password, List<String> roles) {
    }

    private final People people;
    private final PasswordEncoder passwords;
    private final SignInAttempts attempts;

    AdminController(People people, PasswordEncoder passwords, SignInAttempts attempts) {
        this.people = people;
        this.passwords = passwords;
        this.attempts = attempts;
    }

    @PutMapping("/{personId}")
    ResponseEntity<?> put(@PathVariable String personId, @RequestBody(required = false) PersonRequest body) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (!PERSON_ID.matcher(personId).matches()) {
            errors.add(error("personId", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        if (body == null) {
            errors.add(error("body", "must be a JSON object with password, name, email and roles"));
        } else {
            if (body.password() == null || body.password().length() < MIN_PASSWORD) {
                errors.add(error("password", "must have at least " + MIN_PASSWORD + " characters"));
            }
            if (body.email() != null && !body.email().matches("[^@\\s]+@[^@\\s]+")) {
                errors.add(error("email", "must be an email address"));
            }
            if (body.roles() != null) {
                for (int i = 0; i < body.roles().size(); i++) {
                    String role = body.roles().get(i);
                    if (role == null || !ROLE.matcher(role).matches()) {
                        errors.add(error("roles[" + i + "]", "must be an upper-case role name such as ALLIANCE_MANAGER"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
            problem.setTitle("Invalid request");
            problem.setProperty("errors", errors);
            return ResponseEntity.badRequest().body(problem);
        }
        String name = body.name() == null || body.name().isBlank() ? personId : body.name().strip();
        people.save(new Person(personId, name, body.email(), body.roles(), passwords.encode(body.password())));
        // A new password ends a lockout.
        attempts.succeeded(personId);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
