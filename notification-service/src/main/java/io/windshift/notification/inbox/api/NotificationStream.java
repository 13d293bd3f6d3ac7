package io.windshift.notification.inbox.api;

import io.windshift.notification.inbox.NotificationChanged;
import io.windshift.service.security.Caller;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/notifications/stream}: Server-Sent Events for the caller's own inbox. Each change to one
 * of their notifications sends a {@code notification} event with its id; the client re-reads it. A client that
 * reconnects re-reads its inbox page (this instance pushes what it stores; other instances push their own).
 */
@RestController
class NotificationStream {

    private final Map<String, List<SseEmitter>> listeners = new ConcurrentHashMap<>();
    private final Duration timeout;

    NotificationStream(@Value("${windshift.notification.stream.timeout:PT30M}") Duration timeout) {
        this.timeout = timeout;
    }

    @GetMapping(path = "/api/v1/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("@callerRules.isPerson()")
    SseEmitter stream() throws IOException {
        String me = Caller.current().subject();
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        List<SseEmitter> mine = listeners.computeIfAbsent(me, k -> new CopyOnWriteArrayList<>());
        mine.add(emitter);
        Runnable remove = () -> mine.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        emitter.send(SseEmitter.event().name("ready").data("{\"recipientId\":\"" + me + "\"}", MediaType.APPLICATION_JSON));
        return emitter;
    }

    @EventListener
    void on(NotificationChanged changed) {
        for (SseEmitter emitter : listeners.getOrDefault(changed.recipientId(), List.of())) {
            try {
                emitter.send(SseEmitter.event().name("notification").id(changed.notificationId())
                        .data("{\"id\":\"" + changed.notificationId() + "\"}", MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                emitter.completeWithError(e);
            }
        }
    }
}
