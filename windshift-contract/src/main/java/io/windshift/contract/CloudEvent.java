package io.windshift.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as it travels on every Windshift topic and as
 * integrators post it. {@code traceparent} is the CloudEvents distributed-tracing extension: it keeps
 * the W3C trace context inside the event, so it survives the outbox between request and publish.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        JsonNode data,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    /** Media type of one structured CloudEvent. */
    public static final String MEDIA_TYPE = "application/cloudevents+json";
    /** Media type of a batch of structured CloudEvents. */
    public static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";

    /** Builds an event of a known type whose payload is serialised with the contract's mapper. */
    public static CloudEvent of(String id, EventType type, String source, String subject, Instant time,
                                Object payload, String traceparent) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        return new CloudEvent(SPEC_VERSION, id, source, type.wireName(), subject, time, JSON,
                EventJson.mapper().valueToTree(payload), traceparent);
    }

    /** The payload read as the record its type declares. */
    public <T> T dataAs(Class<T> payloadType) {
        return EventJson.mapper().treeToValue(data, payloadType);
    }

    /** The known type of this event, if it has one. */
    public java.util.Optional<EventType> knownType() {
        return EventType.fromWireName(type);
    }

    public CloudEvent withTraceparent(String newTraceparent) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, data, newTraceparent);
    }
}
