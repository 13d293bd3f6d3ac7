package io.windshift.messaging.consume;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a dead letter's value as it arrived: raw bytes stay raw (undeserializable records), events are
 * written back in their wire form.
 */
public class DeadLetterValueSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return switch (data) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case CloudEvent event -> EventJson.write(event).getBytes(StandardCharsets.UTF_8);
            default -> EventJson.write(data).getBytes(StandardCharsets.UTF_8);
        };
    }
}
