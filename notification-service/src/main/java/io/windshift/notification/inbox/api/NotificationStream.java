package io.windshift.notification.inbox.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.service.security.Caller;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/notifications/stream}: Server-Sent Events for the caller's own inbox. Each change to one
 * of their notifications sends a {@code notification} event with its id; the client re-reads it. A client that
 * reconnects re-reads its inbox page. Changes stored by any instance reach the streams of every instance ({@link LiveFanOut}).
 */
@Tag(name = "Inbox", description = "A person's own notifications: paging, unread count, read, archive, and a live stream.")
@RestController
class NotificationStream {

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int maxPerPerson;

    NotificationStream(@Value("${windshift.notification.stream.timeout:PT30M}") Duration timeout,
                       @Value("${windshift.notification.stream.max-per-person:5}") int maxPerPerson) {
        this.timeout = timeout;
        this.maxPerPerson = maxPerPerson;
    }

    @Operation(operationId = "streamMyNotifications", summary = "Stream changes to my inbox",
            description = "Server-Sent Events: `ready` once, then a `notification` event (data `{\"id\"}`) whenever one of the caller's "
                    + "notifications is created or changes; re-read it with GET /api/v1/notifications/{id}. Re-read the inbox after reconnecting.")
    @ApiResponse(responseCode = "200", description = "The event stream.", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(type = "string", example = "event: notification\nid: n-1\ndata: {\"id\":\"n-1\"}\n")))
    @ApiProblem(status = 429, when = "The caller already has the maximum number of live streams on this instance (5), or the rate limit is used up.")
    @GetMapping(path = "/api/v1/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("@callerRules.isPerson()")
    SseEmitter stream() throws IOException {
        String me = Caller.current().subject();
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        List<SseEmitter> mine = listeners.computeIfAbsent(me, k -> new CopyOnWriteArrayList<>());
        // Each open stream holds a connection and a thread's worth of buffers: a person gets a few tabs, not a flood.
        synchronized (mine) {
            if (mine.size() >= maxPerPerson) {
                throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                        "At most " + maxPerPerson + " live streams per person on one instance; close one and retry.");
            }
            mine.add(emitter);
        }
        Runnable remove = () -> mine.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        emitter.send(SseEmitter.event().name("ready").data("{\"recipientId\":\"" + me + "\"}", MediaType.APPLICATION_JSON));
        return emitter;
    }

    /** Sends a {@code notification} event to the recipient's streams connected to this instance ({@link LiveFanOut}). */
    void push(String notificationId, String recipientId) {
        for (SseEmitter emitter : listeners.getOrDefault(recipientId, List.of())) {
            try {
                emitter.send(SseEmitter.event().name("notification").id(notificationId)
                        .data("{\"id\":\"" + notificationId + "\"}", MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }
    }
}
