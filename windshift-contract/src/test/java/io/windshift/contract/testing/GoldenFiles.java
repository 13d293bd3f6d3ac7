package io.windshift.contract.testing;

import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The producer's golden files ({@code golden/<wire-name>.json}, pinned by {@code WireFormatTest}) as consumers read
 * them: from the classpath, where windshift-contract's test-jar puts them. Nothing is copied into the services.
 */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /** The golden CloudEvent of {@code type}, as the bytes a Kafka record would carry. */
    public static byte[] bytes(EventType type) {
        String resource = "golden/" + type.wireName() + ".json";
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + resource + " on the classpath (windshift-contract test-jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(EventType type) {
        return new String(bytes(type), StandardCharsets.UTF_8);
    }

    /** The golden file as a tree, to edit in a negative test. */
    public static ObjectNode tree(EventType type) {
        return (ObjectNode) EventJson.mapper().readTree(bytes(type));
    }

    /**
     * The golden file of {@code type} with one field of its {@code data} removed: {@code personId},
     * {@code movedWorkers[0].personId}, or an envelope attribute written {@code @subject}.
     */
    public static byte[] withoutField(EventType type, String path) {
        ObjectNode root = tree(type);
        ObjectNode parent;
        String name;
        if (path.startsWith("@")) {
            parent = root;
            name = path.substring(1);
        } else {
            FieldPath field = FieldPath.parse(path);
            JsonNode owner = field.parent().resolve(root.path("data"));
            if (!(owner instanceof ObjectNode object)) {
                throw new IllegalArgumentException("golden " + type.wireName() + " has no object at " + field.parent());
            }
            parent = object;
            name = field.last();
        }
        if (parent.remove(name) == null) {
            throw new IllegalArgumentException("golden " + type.wireName() + " has no field " + path + " to remove");
        }
        return EventJson.mapper().writeValueAsBytes(root);
    }

    /** A data path: names separated by dots, a list element as {@code name[index]}. */
    record FieldPath(java.util.List<Object> steps, String text) {

        static FieldPath parse(String text) {
            java.util.List<Object> steps = new java.util.ArrayList<>();
            for (String part : text.split("\\.")) {
                int bracket = part.indexOf('[');
                if (bracket < 0) {
                    steps.add(part);
                } else {
                    steps.add(part.substring(0, bracket));
                    for (String index : part.substring(bracket + 1, part.length() - 1).split("]\\[")) {
                        steps.add(Integer.parseInt(index));
                    }
                }
            }
            return new FieldPath(java.util.List.copyOf(steps), text);
        }

        FieldPath parent() {
            java.util.List<Object> up = steps.subList(0, steps.size() - 1);
            return new FieldPath(up, text.contains(".") ? text.substring(0, text.lastIndexOf('.')) : "");
        }

        String last() {
            return (String) steps.getLast();
        }

        JsonNode resolve(JsonNode node) {
            for (Object step : steps) {
                node = step instanceof Integer index ? node.path(index) : node.path((String) step);
            }
            return node;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
