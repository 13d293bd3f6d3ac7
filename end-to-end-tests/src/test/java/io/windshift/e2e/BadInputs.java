package io.windshift.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates malformed requests from a valid body: every truncation (malformed JSON), every required field
 * removed, every field replaced by MongoDB operators ({@code {"$gt": ""}}...), by a value of the wrong
 * JSON type, enums by unknown values, plus whole bodies of the wrong shape and wrong content types.
 * Each case is invalid by construction, so every answer must be a 4xx problem+json.
 */
final class BadInputs {

    record Case(String kind, String method, String path, String contentType, String body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> INJECTIONS = List.of("{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$where\":\"sleep(1000)\"}",
            "{\"$regex\":\".*\"}", "{\"$in\":[\"a\",\"b\"]}");
    static final List<String> WRONG_SHAPES = List.of("", " ", "[]", "\"text\"", "42", "true", "null", "{}", "[{}]", "{\"\":\"\"}");

    private final List<Case> cases = new ArrayList<>();

    List<Case> cases() {
        return cases;
    }

    /** Mutations of {@code validBody}; {@code required} and {@code enums} are field paths such as {@code team/0/role}. */
    BadInputs body(String method, String path, String contentType, String validBody, Set<String> required, Set<String> enums) {
        String compact = JSON.readTree(validBody).toString();
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(validBody));
        for (String text : List.of(compact, pretty)) {
            for (int i = 0; i < text.length(); i++) {
                add("truncated JSON", method, path, contentType, text.substring(0, i));
            }
        }
        for (String shape : WRONG_SHAPES) {
            add("wrong body shape", method, path, contentType, shape);
        }
        for (String field : required) {
            add("missing " + field, method, path, contentType, mutate(validBody, field, null));
        }
        for (String field : enums) {
            for (String unknown : List.of("NOT_A_VALUE", "", "hr.worker.fired")) {
                add("unknown value of " + field, method, path, contentType, mutate(validBody, field, NODES.stringNode(unknown)));
            }
        }
        for (String leaf : leaves(JSON.readTree(validBody), "")) {
            for (String injection : INJECTIONS) {
                add("operator injection in " + leaf, method, path, contentType, mutate(validBody, leaf, JSON.readTree(injection)));
            }
            add("array instead of value in " + leaf, method, path, contentType, mutate(validBody, leaf, NODES.arrayNode().add("x")));
        }
        for (String container : containers(JSON.readTree(validBody), "")) {
            for (JsonNode scalar : List.<JsonNode>of(NODES.stringNode("text"), NODES.numberNode(42), NODES.booleanNode(true))) {
                add("scalar instead of " + container, method, path, contentType, mutate(validBody, container, scalar));
            }
        }
        return this;
    }

    BadInputs add(String kind, String method, String path, String contentType, String body) {
        cases.add(new Case(kind, method, path, contentType, body));
        return this;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        if (!path.isEmpty()) {
            for (String part : path.split("/")) {
                node = node.isArray() ? node.get(Integer.parseInt(part)) : node.get(part);
            }
        }
        return node;
    }

    /** A copy of {@code body} with the value at {@code path} replaced, or removed when {@code value} is null. */
    static String mutate(String body, String path, JsonNode value) {
        JsonNode root = JSON.readTree(body);
        edit(root, path, parentAndKey -> {
            JsonNode parent = parentAndKey.parent();
            String key = parentAndKey.key();
            if (parent instanceof ObjectNode object) {
                if (value == null) {
                    object.remove(key);
                } else {
                    object.set(key, value);
                }
            } else if (parent instanceof ArrayNode array) {
                int index = Integer.parseInt(key);
                if (value == null) {
                    array.remove(index);
                } else {
                    array.set(index, value);
                }
            }
        });
        return root.toString();
    }

    private record Slot(JsonNode parent, String key) {
    }

    private static void edit(JsonNode root, String path, Consumer<Slot> change) {
        String[] parts = path.split("/");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
        }
        change.accept(new Slot(node, parts[parts.length - 1]));
    }

    /** Paths of every scalar value in the document. */
    static List<String> leaves(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        walk(node, prefix, out, true);
        return out;
    }

    /** Paths of every object and array below the root. */
    static List<String> containers(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        walk(node, prefix, out, false);
        return out;
    }

    private static void walk(JsonNode node, String prefix, List<String> out, boolean leaves) {
        if (node.isObject()) {
            node.properties().forEach(e -> visit(e.getValue(), join(prefix, e.getKey()), out, leaves));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), join(prefix, Integer.toString(i)), out, leaves);
            }
        }
    }

    private static void visit(JsonNode child, String path, List<String> out, boolean leaves) {
        if (child.isValueNode()) {
            if (leaves) {
                out.add(path);
            }
        } else {
            if (!leaves) {
                out.add(path);
            }
            walk(child, path, out, leaves);
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }
}
