package io.windshift.contract;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/asyncapi.yaml} (AsyncAPI 3.0) from the contract itself: a channel per topic, a message
 * per {@link EventType} and a schema per payload record, so the document cannot drift from the code.
 * {@link AsyncApiTest} compares the committed file with this output; run it with
 * {@code -Dasyncapi.write=true} to rewrite the file after changing the contract.
 */
final class AsyncApiDocument {

    private static final Map<String, String> TOPIC_KEYS = Map.of(
            Topics.HR, "person id, org unit id or reorg id of the change",
            Topics.ALLIANCE, "alliance id: all events of one alliance stay in order",
            Topics.OBLIGATION, "obligation id",
            Topics.FINANCE, "obligation id the event settles, else the reference, invoice id or agreement it names",
            Topics.NOTIFICATION, "notification id");
    private static final Map<String, String> TOPIC_PRODUCERS = Map.of(
            Topics.HR, "alliance-service (HR intake, published when each change takes effect)",
            Topics.ALLIANCE, "alliance-service",
            Topics.OBLIGATION, "obligation-service",
            Topics.FINANCE, "obligation-service (finance intake)",
            Topics.NOTIFICATION, "notification-service");

    private final StringBuilder out = new StringBuilder();
    private final Map<String, Class<?>> schemas = new LinkedHashMap<>();

    static String render() {
        return new AsyncApiDocument().write();
    }

    private String write() {
        line(0, "# Generated from windshift-contract (EventType, Topics, payload records) by AsyncApiDocument.");
        line(0, "# Do not edit by hand: change the contract, then run");
        line(0, "#   mvn -o -pl windshift-contract test -Dtest=AsyncApiTest -Dasyncapi.write=true");
        line(0, "asyncapi: 3.0.0");
        line(0, "info:");
        line(1, "title: Windshift events");
        line(1, "version: 1.4.0");
        line(1, "description: >-");
        line(2, "Every event Windshift publishes on Kafka, as CloudEvents 1.0 in structured JSON mode.");
        line(2, "Type names are versioned: version 1 uses the plain name (a `.v1` suffix is accepted as an alias),");
        line(2, "a breaking change gets a new type ending in `.v2`. Consumers must ignore unknown fields.");
        line(2, "Each topic has a dead-letter topic `<topic>-dlt` with the reason in a header.");
        line(0, "defaultContentType: " + CloudEvent.MEDIA_TYPE);
        line(0, "servers:");
        line(1, "local:");
        line(2, "host: localhost:9092");
        line(2, "protocol: kafka");
        line(2, "description: The local broker started by ./windshift up");
        line(0, "channels:");
        for (String topic : Topics.ALL) {
            line(1, channel(topic) + ":");
            line(2, "address: " + topic);
            line(2, "description: 'Produced by " + TOPIC_PRODUCERS.get(topic) + ". Record key: " + TOPIC_KEYS.get(topic) + ".'");
            line(2, "messages:");
            for (EventType type : typesOf(topic)) {
                line(3, type.wireName() + ":");
                line(4, "$ref: '#/components/messages/" + type.wireName() + "'");
            }
        }
        line(0, "operations:");
        for (String topic : Topics.ALL) {
            line(1, "publish-" + channel(topic) + ":");
            line(2, "action: send");
            line(2, "channel:");
            line(3, "$ref: '#/channels/" + channel(topic) + "'");
            line(2, "messages:");
            for (EventType type : typesOf(topic)) {
                line(3, "- $ref: '#/channels/" + channel(topic) + "/messages/" + type.wireName() + "'");
            }
        }
        line(0, "components:");
        line(1, "messages:");
        for (EventType type : EventType.values()) {
            line(2, type.wireName() + ":");
            line(3, "name: " + type.wireName());
            line(3, "title: " + type.name());
            line(3, "contentType: " + CloudEvent.MEDIA_TYPE);
            line(3, "bindings:");
            line(4, "kafka:");
            line(5, "key:");
            line(6, "type: string");
            line(6, "description: '" + TOPIC_KEYS.get(type.topic()) + "'");
            line(3, "payload:");
            line(4, "allOf:");
            line(5, "- $ref: '#/components/schemas/CloudEvent'");
            line(5, "- type: object");
            line(6, "properties:");
            line(7, "type:");
            line(8, "const: " + type.wireName());
            line(7, "data:");
            line(8, "$ref: '#/components/schemas/" + schemaName(type.payloadType()) + "'");
            register(type.payloadType());
        }
        line(1, "schemas:");
        cloudEventSchema();
        for (int i = 0; i < schemas.size(); i++) {
            // Registering a schema may add nested records at the end: walk by index.
            Map.Entry<String, Class<?>> entry = List.copyOf(schemas.entrySet()).get(i);
            recordSchema(entry.getKey(), entry.getValue());
        }
        return out.toString();
    }

    private void cloudEventSchema() {
        line(2, "CloudEvent:");
        line(3, "type: object");
        line(3, "description: CloudEvents 1.0 envelope (structured mode); traceparent is the distributed-tracing extension.");
        line(3, "required: [specversion, id, source, type, data]");
        line(3, "properties:");
        line(4, "specversion: {type: string, const: '1.0'}");
        line(4, "id: {type: string, description: 'unique per source; a repeated id has no second effect'}");
        line(4, "source: {type: string, format: uri-reference}");
        line(4, "type: {type: string}");
        line(4, "subject: {type: string}");
        line(4, "time: {type: string, format: date-time}");
        line(4, "datacontenttype: {type: string, const: application/json}");
        line(4, "data: {type: object}");
        line(4, "traceparent: {type: string, description: W3C trace context of the change that caused the event}");
    }

    private void recordSchema(String name, Class<?> type) {
        line(2, name + ":");
        line(3, "type: object");
        List<String> required = Arrays.stream(type.getRecordComponents()).filter(AsyncApiDocument::isRequired)
                .map(RecordComponent::getName).toList();
        if (!required.isEmpty()) {
            line(3, "required: [" + String.join(", ", required) + "]");
        }
        line(3, "properties:");
        for (RecordComponent component : type.getRecordComponents()) {
            line(4, component.getName() + ": " + typeOf(component.getGenericType()));
        }
    }

    private String typeOf(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return "{type: array, items: " + typeOf(parameterized.getActualTypeArguments()[0]) + "}";
        }
        Class<?> cls = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        if (cls == String.class) {
            return "{type: string}";
        }
        if (cls == Instant.class || cls == OffsetDateTime.class) {
            return "{type: string, format: date-time}";
        }
        if (cls == LocalDate.class) {
            return "{type: string, format: date}";
        }
        if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
            return "{type: integer}";
        }
        if (cls == BigDecimal.class || cls == double.class || cls == Double.class) {
            return "{type: number}";
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return "{type: boolean}";
        }
        if (cls.isEnum()) {
            return "{type: string, enum: [" + Arrays.stream(cls.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")) + "]}";
        }
        if (cls.isRecord()) {
            register(cls);
            return "{$ref: '#/components/schemas/" + schemaName(cls) + "'}";
        }
        if (Map.class.isAssignableFrom(cls)) {
            return "{type: object}";
        }
        throw new IllegalStateException("No JSON schema mapping for " + type + ": extend AsyncApiDocument.typeOf");
    }

    private void register(Class<?> record) {
        schemas.putIfAbsent(schemaName(record), record);
    }

    private static boolean isRequired(RecordComponent component) {
        return component.getType().isPrimitive() || component.isAnnotationPresent(NotNull.class)
                || component.isAnnotationPresent(NotBlank.class) || component.isAnnotationPresent(NotEmpty.class);
    }

    static String schemaName(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace("$", "");
    }

    static String channel(String topic) {
        return topic.replace("windshift.", "").replace(".events", "") + "-events";
    }

    private static List<EventType> typesOf(String topic) {
        return Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic)).toList();
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }
}
