package io.windshift.notification.subscriptions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.notification.subscriptions.EventSubscription;
import io.windshift.notification.subscriptions.EventSubscriptions;
import io.windshift.notification.subscriptions.SubscribableEvents;
import io.windshift.notification.subscriptions.SubscriptionDelivery;
import io.windshift.notification.subscriptions.SubscriptionOutbox;
import io.windshift.notification.subscriptions.SubscriptionProperties;
import io.windshift.notification.webhooks.WebhookSecrets;
import io.windshift.notification.webhooks.WebhookTargets;
import io.windshift.service.docs.ApiProblem;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import io.windshift.service.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Integrators' event subscriptions: Windshift POSTs the events they chose to their HTTPS endpoint as CloudEvents,
 * signed with the subscription's own secret, retried with backoff, then DEAD and visible here. A subscription is its
 * creator's: integration clients with scope {@code events.subscriptions:write} see and change their own, alliance
 * admins everyone's; anyone else's is 404.
 */
@Tag(name = "Event subscriptions", description = "Integrators receive change impacts, action changes and obligation events at their own "
        + "HTTPS endpoint, as signed CloudEvents.")
@RestController
@RequestMapping("/api/v1/subscriptions")
@PreAuthorize("hasAuthority('SCOPE_events.subscriptions:write') or hasRole('ALLIANCE_ADMIN')")
class SubscriptionController {

    private final EventSubscriptions subscriptions;
    private final SubscriptionOutbox outbox;
    private final WebhookTargets targets;
    private final SubscriptionProperties properties;

    SubscriptionController(EventSubscriptions subscriptions, SubscriptionOutbox outbox, WebhookTargets targets, SubscriptionProperties properties) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.targets = targets;
        this.properties = properties;
    }

    @Operation(operationId = "createEventSubscription", summary = "Subscribe an endpoint to Windshift events",
            description = "Registers an HTTPS endpoint for the listed event types (optionally only for some alliances). Each event is POSTed "
                    + "as one structured CloudEvent (`application/cloudevents+json`) with `X-Windshift-Signature` (HMAC-SHA256 of "
                    + "`timestamp.body` with the subscription's secret), `X-Windshift-Timestamp`, `X-Windshift-Subscription-Id`, "
                    + "`X-Windshift-Delivery-Id` (stable across retries: drop repeats by it) and `X-Windshift-Delivery-Attempt`. A 2xx "
                    + "answer is delivered; anything else is retried with exponential backoff, then the delivery is DEAD. The secret is "
                    + "in this response only. The URL must pass the SSRF policy (no private, loopback or link-local addresses unless "
                    + "configured; redirects are not followed).")
    @ApiResponse(responseCode = "201", description = "The subscription, with its signing secret (this once).", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubscriptionView.class)))
    @ApiProblem(status = 409, when = "The client already holds the maximum number of subscriptions.")
    @PostMapping
    ResponseEntity<?> create(@Valid @RequestBody SubscriptionBody body) {
        validate(body);
        try {
            EventSubscriptions.Created created = subscriptions.create(Caller.current().subject(), body.url(), body.types(), body.allianceIds(),
                    body.description());
            return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + created.subscription().id()))
                    .body(SubscriptionView.of(created.subscription(), created.secret()));
        } catch (EventSubscriptions.TooMany e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
            problem.setTitle("Too many subscriptions");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
    }

    @Operation(operationId = "listEventSubscriptions", summary = "List my event subscriptions",
            description = "The caller's subscriptions (an alliance admin sees everyone's), oldest first, each with its delivery counters.")
    @GetMapping
    List<SubscriptionView> list() {
        Caller caller = Caller.current();
        return subscriptions.list(isAdmin(caller) ? null : caller.subject()).stream().map(s -> SubscriptionView.of(s, null)).toList();
    }

    @Operation(operationId = "getEventSubscription", summary = "Read one event subscription",
            description = "The subscription with its counters: delivered, dead, the last delivery and the last failure.")
    @ApiProblem(status = 404, when = "No subscription with this id that the caller may see.")
    @GetMapping("/{id}")
    SubscriptionView one(@PathVariable String id) {
        return SubscriptionView.of(visible(id), null);
    }

    @Operation(operationId = "deleteEventSubscription", summary = "Remove an event subscription",
            description = "Stops deliveries at once: its secret is destroyed and deliveries still queued end DEAD.")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @ApiProblem(status = 404, when = "No subscription with this id that the caller may see.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        subscriptions.remove(visible(id).id());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "rotateEventSubscriptionSecret", summary = "Rotate a subscription's signing secret",
            description = "Issues a new secret (in this response only); the previous one keeps signing beside it until "
                    + "`previousSecretValidUntil`, so the receiver can switch without losing deliveries.")
    @ApiProblem(status = 404, when = "No subscription with this id that the caller may see.")
    @PostMapping("/{id}/rotate-secret")
    RotatedSecret rotate(@PathVariable String id) {
        WebhookSecrets.Rotated rotated = subscriptions.rotateSecret(visible(id).id());
        return new RotatedSecret(rotated.secret(), rotated.previousValidUntil());
    }

    @Operation(operationId = "listEventSubscriptionDeliveries", summary = "List a subscription's deliveries",
            description = "Newest first, paged, optionally of one status: PENDING (queued or to be retried, `nextAttemptAt` says when), "
                    + "DELIVERED or DEAD, each with its attempts (time, status code, error).")
    @ApiProblem(status = 404, when = "No subscription with this id that the caller may see.")
    @GetMapping("/{id}/deliveries")
    DeliveryPage deliveries(@PathVariable String id, @RequestParam(required = false) SubscriptionDelivery.Status status,
                            @RequestParam(defaultValue = "0") @Min(0) @Max(10000) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String subscription = visible(id).id();
        return new DeliveryPage(outbox.page(subscription, status, page, size).stream().map(DeliveryView::of).toList(), page, size,
                outbox.count(subscription, status));
    }

    @Operation(operationId = "redeliverEventSubscriptionDelivery", summary = "Send a dead delivery again",
            description = "Queues a DEAD delivery again from its first attempt, once the endpoint is fixed.")
    @ApiProblem(status = 404, when = "No such delivery of a subscription the caller may see.")
    @ApiResponse(responseCode = "200", description = "The delivery, queued again.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DeliveryView.class)))
    @ApiProblem(status = 409, when = "The delivery is not DEAD (it is pending or was delivered).")
    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<?> redeliver(@PathVariable String id, @PathVariable String deliveryId) {
        String subscription = visible(id).id();
        SubscriptionDelivery delivery = outbox.find(subscription, deliveryId)
                .orElseThrow(() -> new NotFoundException("No delivery " + deliveryId + " of subscription " + id));
        return outbox.redeliver(subscription, delivery.id()).<ResponseEntity<?>>map(d -> ResponseEntity.ok(DeliveryView.of(d))).orElseGet(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Delivery " + deliveryId + " is " + delivery.status()
                    + "; only a DEAD delivery is sent again.");
            problem.setTitle("Delivery not dead");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        });
    }

    private EventSubscription visible(String id) {
        Caller caller = Caller.current();
        return subscriptions.find(id).filter(s -> isAdmin(caller) || s.ownerId().equals(caller.subject()))
                .orElseThrow(() -> new NotFoundException("No subscription " + id));
    }

    private static boolean isAdmin(Caller caller) {
        return caller.hasRole(Caller.ALLIANCE_ADMIN);
    }

    private void validate(SubscriptionBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body.url() == null || body.url().isBlank()) {
            problems.add(new FieldProblem("url", "required: the endpoint to POST events to"));
        } else {
            URI uri = null;
            try {
                uri = URI.create(body.url());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("url", "must be an absolute https URL"));
            }
            if (uri != null) {
                boolean https = "https".equalsIgnoreCase(uri.getScheme());
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) && properties.allowHttp();
                if (!(https || http) || uri.getHost() == null) {
                    problems.add(new FieldProblem("url", "must be an absolute https URL"));
                } else {
                    targets.refusal(body.url()).ifPresent(reason -> problems.add(new FieldProblem("url", reason)));
                }
            }
        }
        if (body.types() == null || body.types().isEmpty()) {
            problems.add(new FieldProblem("types", "required: at least one of " + String.join(", ", SubscribableEvents.wireNames())));
        } else {
            for (int i = 0; i < body.types().size(); i++) {
                if (body.types().get(i) == null || SubscribableEvents.of(body.types().get(i)).isEmpty()) {
                    problems.add(new FieldProblem("types[" + i + "]", "not a subscribable event type; one of "
                            + String.join(", ", SubscribableEvents.wireNames())));
                } else if (body.types().indexOf(body.types().get(i)) != i) {
                    problems.add(new FieldProblem("types[" + i + "]", "listed twice"));
                }
            }
        }
        if (body.allianceIds() != null) {
            for (int i = 0; i < body.allianceIds().size(); i++) {
                if (body.allianceIds().get(i) == null || body.allianceIds().get(i).isBlank()) {
                    problems.add(new FieldProblem("allianceIds[" + i + "]", "an alliance id"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** Sizes bound what is stored before the checks of {@link #validate}. */
    record SubscriptionBody(
            @Schema(description = "The HTTPS endpoint that receives the events.", example = "https://erp.example.com/windshift/events")
            @Size(max = 2000) String url,
            @Schema(description = "CloudEvent types to receive.", example = "[\"alliance.change-impact-assessed\", \"obligation.overdue\"]")
            @Size(max = 30) List<@Size(max = 100) String> types,
            @Schema(description = "Only events of these alliances; empty or absent for all.", example = "[\"al-helios\"]")
            @Size(max = 200) List<@Size(max = 100) String> allianceIds,
            @Schema(description = "What the subscription is for.", example = "ERP: obligations due and overdue")
            @Size(max = 200) String description) {
    }

    /** What the API shows; {@code secret} only in the response that created the subscription. */
    record SubscriptionView(String id, String ownerId, String url, List<String> types, List<String> allianceIds, String description,
                            Instant createdAt, long delivered, long dead, Instant lastDeliveredAt, Instant lastFailedAt, String lastError,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
        static SubscriptionView of(EventSubscription s, String secret) {
            return new SubscriptionView(s.id(), s.ownerId(), s.url(), s.types(), s.allianceIds(), s.description(), s.createdAt(), s.delivered(),
                    s.dead(), s.lastDeliveredAt(), s.lastFailedAt(), s.lastError(), secret);
        }
    }

    record RotatedSecret(String secret, Instant previousSecretValidUntil) {
    }

    record DeliveryPage(List<DeliveryView> items, int page, int size, long totalItems) {
    }

    record DeliveryView(String id, String eventId, String eventType, String status, int attempts, Instant createdAt, Instant nextAttemptAt,
                        Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant finishedAt,
                        List<SubscriptionDelivery.Attempt> history) {
        static DeliveryView of(SubscriptionDelivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status().name(), d.attempts(), d.createdAt(),
                    d.status() == SubscriptionDelivery.Status.PENDING ? d.nextAttemptAt() : null, d.lastAttemptAt(), d.lastStatusCode(),
                    d.lastError(), d.finishedAt(), d.history());
        }
    }
}
