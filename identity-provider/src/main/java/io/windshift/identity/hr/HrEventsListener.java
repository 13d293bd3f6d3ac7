package io.windshift.identity.hr;

import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link HrMirror} in step with {@code windshift.hr.events}: hires, terminations, departures in a reorg and
 * rescinds. A record it cannot read is logged and skipped (alliance-service, the topic's owner, dead-letters it).
 */
@Component
@ConditionalOnProperty(name = "windshift.identity.hr-mirror.enabled", havingValue = "true", matchIfMissing = true)
class HrEventsListener {

    private static final Logger log = LoggerFactory.getLogger(HrEventsListener.class);

    private final HrMirror mirror;
    private final JsonMapper json = JsonMapper.builder().build();

    HrEventsListener(HrMirror mirror) {
        this.mirror = mirror;
    }

    /** A poll at a time; the mirror is written once, before the container commits the batch's offsets. */
    @KafkaListener(topics = Topics.HR, groupId = "identity-provider", batch = "true")
    void on(List<String> values) {
        values.forEach(this::apply);
        mirror.flush();
    }

    private void apply(String value) {
        JsonNode event;
        try {
            event = json.readTree(value);
        } catch (RuntimeException e) {
            log.warn("Unreadable HR event skipped: {}", e.getMessage());
            return;
        }
        String id = event.path("id").asString("");
        JsonNode data = event.path("data");
        EventType type = EventType.fromWireName(event.path("type").asString("")).orElse(null);
        if (type == null) {
            return;
        }
        try {
            apply(type, id, data);
        } catch (RuntimeException e) {
            log.warn("HR event {} skipped: {}", id, e.getMessage());
        }
    }

    private void apply(EventType type, String id, JsonNode data) {
        switch (type) {
            case HR_WORKER_HIRED -> mirror.hired(data.path("personId").asString(null), id);
            case HR_WORKER_TERMINATED -> mirror.left(data.path("personId").asString(null), date(data), id);
            case HR_ORG_REORGANIZED -> data.path("departedWorkers").forEach(d -> mirror.left(d.path("personId").asString(null), date(data), id));
            case HR_EVENT_RESCINDED -> mirror.rescinded(data.path("rescindedEventId").asString(""));
            default -> {
                // Moves change nobody's right to sign in.
            }
        }
    }

    private static java.time.LocalDate date(JsonNode data) {
        String effective = data.path("effectiveDate").asString(null);
        return effective == null ? null : java.time.LocalDate.parse(effective);
    }
}
