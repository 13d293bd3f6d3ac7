package io.windshift.notification.webhooks.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.notification.preferences.PreferenceStore;
import io.windshift.notification.webhooks.WebhookSecrets;
import io.windshift.service.security.Caller;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rotates the caller's webhook signing secret: the new secret is in this response only; the previous one keeps
 * signing beside it until {@code previousSecretValidUntil}, so a receiver can switch without losing deliveries.
 */
@Tag(name = "Preferences", description = "A person's own channels, severity threshold, quiet hours, digest and webhook subscription.")
@RestController
class WebhookSecretController {

    private final PreferenceStore preferences;
    private final WebhookSecrets secrets;

    WebhookSecretController(PreferenceStore preferences, WebhookSecrets secrets) {
        this.preferences = preferences;
        this.secrets = secrets;
    }

    record RotatedSecret(String webhookSecret, Instant previousSecretValidUntil) {
    }

    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate my webhook signing secret",
            description = "Issues a new signing secret (in this response only); the previous one keeps signing beside it until "
                    + "`previousSecretValidUntil`, so the receiver can switch without losing deliveries.")
    @ApiResponse(responseCode = "200", description = "The new secret.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RotatedSecret.class)))
    @ApiProblem(status = 409, when = "There is no webhook subscription to rotate: save a webhookUrl first.")
    @PostMapping("/api/v1/preferences/webhook/rotate-secret")
    @PreAuthorize("@callerRules.isPerson()")
    ResponseEntity<?> rotate() {
        String person = Caller.current().subject();
        if (preferences.of(person).webhookUrl() == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "There is no webhook subscription to rotate: save a webhookUrl in your preferences first.");
            problem.setTitle("No webhook subscription");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        WebhookSecrets.Rotated rotated = secrets.rotate(person);
        return ResponseEntity.ok(new RotatedSecret(rotated.secret(), rotated.previousValidUntil()));
    }
}
