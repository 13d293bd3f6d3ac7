package io.windshift.notification.preferences.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.windshift.notification.inbox.Category;
import io.windshift.notification.inbox.Severity;
import io.windshift.notification.preferences.Channel;
import io.windshift.notification.preferences.PreferenceStore;
import io.windshift.notification.preferences.Preferences;
import io.windshift.notification.webhooks.WebhookSecrets;
import io.windshift.notification.webhooks.WebhookTargets;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's own notification preferences; nobody reads or changes another person's. The webhook URL is the
 * person's webhook subscription: it must pass the SSRF policy ({@link WebhookTargets}), and the first save of a
 * URL issues the subscription's signing secret, returned in that response only ({@code webhookSecret}).
 */
@Tag(name = "Preferences", description = "A person's own channels, severity threshold, quiet hours, digest and webhook subscription.")
@RestController
@RequestMapping("/api/v1/preferences")
class PreferencesController {

    private final PreferenceStore store;
    private final WebhookTargets targets;
    private final WebhookSecrets secrets;
    private final Clock clock;

    PreferencesController(PreferenceStore store, WebhookTargets targets, WebhookSecrets secrets, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Operation(operationId = "getMyPreferences", summary = "Read my notification preferences",
            description = "The caller's channels per category, minimum severity, quiet hours (in their time zone), digest and webhook URL; "
                    + "defaults when never saved.")
    @GetMapping
    @PreAuthorize("@callerRules.isPerson()")
    PreferencesView mine() {
        return PreferencesView.of(store.of(Caller.current().subject()), null);
    }

    @Operation(operationId = "replaceMyPreferences", summary = "Replace my notification preferences",
            description = "Replaces the caller's preferences. A webhook URL must be an absolute http(s) URL that passes the SSRF policy; "
                    + "the first save of a URL returns the subscription's signing secret in `webhookSecret`, in this response only. "
                    + "Critical notifications cannot be muted.")
    @PutMapping
    @PreAuthorize("@callerRules.isPerson()")
    PreferencesView replace(@Valid @RequestBody PreferencesBody body) {
        List<FieldProblem> problems = validate(body);
        if (body.webhookUrl() != null && problems.stream().noneMatch(p -> p.field().equals("webhookUrl"))) {
            targets.refusal(body.webhookUrl()).ifPresent(reason -> problems.add(new FieldProblem("webhookUrl", reason)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String person = Caller.current().subject();
        String previousUrl = store.of(person).webhookUrl();
        Map<String, List<String>> channels = new LinkedHashMap<>(Preferences.defaults("x").channels());
        if (body.channels() != null) {
            channels.putAll(body.channels());
        }
        Preferences saved = store.save(new Preferences(person, body.timeZone() == null ? "UTC" : body.timeZone(),
                channels, body.minimumSeverity() == null ? "LOW" : body.minimumSeverity(), body.quietHoursStart(), body.quietHoursEnd(),
                Boolean.TRUE.equals(body.digestEnabled()), body.digestTime() == null ? "08:00" : body.digestTime(), body.webhookUrl(),
                clock.instant()));
        return PreferencesView.of(saved, subscriptionSecret(person, previousUrl, saved.webhookUrl()).orElse(null));
    }

    /**
     * A new subscription (a URL where there was none, or another URL) gets its secret now, if it has none yet.
     * One saved before secrets were per subscription, with the same URL, keeps signing with the global secret
     * until it is rotated, unless there is no global secret to keep. No URL: no subscription, no secret.
     */
    private Optional<String> subscriptionSecret(String person, String previousUrl, String url) {
        if (url == null) {
            secrets.forget(person);
            return Optional.empty();
        }
        boolean newSubscription = !url.equals(previousUrl) || !secrets.globalFallback();
        return newSubscription && !secrets.has(person) ? secrets.issue(person) : Optional.empty();
    }

    private static List<FieldProblem> validate(PreferencesBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body.timeZone() != null) {
            try {
                ZoneId.of(body.timeZone());
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("timeZone", "not a time zone id (e.g. Europe/Zurich)"));
            }
        }
        if (body.channels() != null) {
            body.channels().forEach((category, list) -> {
                if (!isEnum(Category.class, category)) {
                    problems.add(new FieldProblem("channels." + category, "unknown category; one of ALLIANCE_CHANGE, OBLIGATION, ESCALATION"));
                } else if (list == null || list.stream().anyMatch(c -> !isEnum(Channel.class, c))) {
                    problems.add(new FieldProblem("channels." + category, "channels must be IN_APP, EMAIL or WEBHOOK"));
                } else if (list.stream().distinct().count() != list.size()) {
                    problems.add(new FieldProblem("channels." + category, "a channel is listed twice"));
                }
            });
        }
        if (body.minimumSeverity() != null && !isEnum(Severity.class, body.minimumSeverity())) {
            problems.add(new FieldProblem("minimumSeverity", "one of LOW, MEDIUM, HIGH, CRITICAL"));
        }
        time(body.quietHoursStart(), "quietHoursStart", problems);
        time(body.quietHoursEnd(), "quietHoursEnd", problems);
        time(body.digestTime(), "digestTime", problems);
        if ((body.quietHoursStart() == null) != (body.quietHoursEnd() == null)) {
            problems.add(new FieldProblem(body.quietHoursStart() == null ? "quietHoursStart" : "quietHoursEnd", "quiet hours need both start and end"));
        }
        if (body.webhookUrl() != null) {
            try {
                URI uri = URI.create(body.webhookUrl());
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(new FieldProblem("webhookUrl", "must be an absolute http(s) URL"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("webhookUrl", "must be an absolute http(s) URL"));
            }
        }
        boolean wantsWebhook = body.channels() != null && body.channels().values().stream()
                .anyMatch(l -> l != null && l.contains(Channel.WEBHOOK.name()));
        if (wantsWebhook && body.webhookUrl() == null) {
            problems.add(new FieldProblem("webhookUrl", "required when a category uses WEBHOOK"));
        }
        return problems;
    }

    private static void time(String value, String field, List<FieldProblem> problems) {
        if (value == null) {
            return;
        }
        try {
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "a time of day as HH:mm"));
        }
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String value) {
        try {
            Enum.valueOf(type, value);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Sizes bound what is stored before the checks of {@link #validate} (a URL is kept and shown as sent). */
    record PreferencesBody(@Size(max = 64) String timeZone,
                           @Size(max = 10) Map<@Size(max = 40) String, @Size(max = 10) List<@Size(max = 20) String>> channels,
                           @Size(max = 20) String minimumSeverity, @Size(max = 20) String quietHoursStart,
                           @Size(max = 20) String quietHoursEnd, Boolean digestEnabled, @Size(max = 20) String digestTime,
                           @Size(max = 2000) String webhookUrl) {
    }

    /** What the API shows; {@code webhookSecret} only in the response that issued it. */
    record PreferencesView(String timeZone, Map<String, List<String>> channels, String minimumSeverity, String quietHoursStart,
                           String quietHoursEnd, Boolean digestEnabled, String digestTime, String webhookUrl,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String webhookSecret) {
        static PreferencesView of(Preferences p, String issuedSecret) {
            return new PreferencesView(p.timeZone(), p.channels(), p.minimumSeverity(), p.quietHoursStart(), p.quietHoursEnd(),
                    p.digestEnabled(), p.digestTime(), p.webhookUrl(), issuedSecret);
        }
    }
}
