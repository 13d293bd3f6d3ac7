package io.windshift.messaging.consume;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a structured-mode CloudEvent. Runs inside Spring Kafka's {@code ErrorHandlingDeserializer}, so
 * bytes that fail here reach the error handler as a deserialization failure instead of looping.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent> {

    @Override
    public CloudEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        CloudEvent event;
        try {
            event = EventJson.read(data);
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvent JSON document: " + e.getMessage(), e);
        }
        requirePresent(event.specversion(), "specversion");
        requirePresent(event.id(), "id");
        requirePresent(event.type(), "type");
        requirePresent(event.source(), "source");
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new MalformedEventException("unsupported specversion " + event.specversion());
        }
        return event;
    }

    private static void requirePresent(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("CloudEvent attribute '" + attribute + "' is missing");
        }
    }
}
