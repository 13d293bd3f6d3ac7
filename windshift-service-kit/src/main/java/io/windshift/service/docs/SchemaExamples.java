package io.windshift.service.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Gives every component schema without one an example, built from its properties: a property's own example where it
 * has one, else a typical value of the alliance domain for its name, format or type (ids, dates, currencies, the first
 * enum constant). So every request and response schema shows what it looks like, and the example always fits the schema.
 */
public final class SchemaExamples implements OpenApiCustomizer {

    private static final int MAX_DEPTH = 4;

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        for (Schema<?> schema : schemas.values()) {
            if (schema.getExample() == null && schema.getProperties() != null) {
                schema.setExample(example(schema, null, schemas, new HashSet<>(), 0));
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static Object example(Schema<?> schema, String name, Map<String, Schema> schemas, Set<String> visiting, int depth) {
        if (schema.get$ref() != null) {
            String ref = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            Schema<?> target = schemas.get(ref);
            if (target == null || !visiting.add(ref) || depth > MAX_DEPTH) {
                return null;
            }
            try {
                return target.getExample() != null ? target.getExample() : example(target, name, schemas, visiting, depth + 1);
            } finally {
                visiting.remove(ref);
            }
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0);
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            return example(schema.getAllOf().get(0), name, schemas, visiting, depth);
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            return example(schema.getOneOf().get(0), name, schemas, visiting, depth);
        }
        String type = type(schema);
        if ("array".equals(type)) {
            Object item = schema.getItems() == null ? null : example(schema.getItems(), singular(name), schemas, visiting, depth + 1);
            return item == null ? List.of() : List.of(item);
        }
        if ("object".equals(type) || schema.getProperties() != null) {
            Map<String, Object> value = new LinkedHashMap<>();
            if (schema.getProperties() != null) {
                schema.getProperties().forEach((property, propertySchema) -> {
                    Object example = example(propertySchema, property, schemas, visiting, depth + 1);
                    if (example != null) {
                        value.put(property, example);
                    }
                });
            } else if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                Object example = example(values, name, schemas, visiting, depth + 1);
                if (example != null) {
                    value.put("STRATEGIC", example);
                }
            }
            return value;
        }
        Object value = scalar(type, schema.getFormat(), name == null ? "" : name);
        if (schema.getPattern() != null && value instanceof String text && !java.util.regex.Pattern.compile(schema.getPattern()).matcher(text).find()) {
            // A code-like pattern (a governance body's "JSC"); otherwise no example rather than one the schema refuses.
            return java.util.regex.Pattern.compile(schema.getPattern()).matcher("JSC").find() ? "JSC" : null;
        }
        return value;
    }

    private static Object scalar(String type, String format, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if ("boolean".equals(type)) {
            return false;
        }
        if ("integer".equals(type)) {
            return n.equals("size") ? 50 : n.equals("page") ? 0 : n.contains("capacity") ? 5 : n.contains("revision") ? 1 : 2;
        }
        if ("number".equals(type)) {
            return new BigDecimal("2500000.00");
        }
        if ("date".equals(format)) {
            return "2026-11-01";
        }
        if ("date-time".equals(format)) {
            return "2026-11-01T09:00:00Z";
        }
        if (n.equals("code")) {
            return "JSC";
        }
        if (n.equals("currency")) {
            return "USD";
        }
        if (n.contains("alliance") && n.endsWith("id") || n.equals("allianceids")) {
            return "a-5f2c9e";
        }
        if (n.contains("obligation") && n.endsWith("id")) {
            return "ob-7d1a03";
        }
        if (n.contains("impact") && n.endsWith("id")) {
            return "im-3b8e41";
        }
        if (n.contains("trigger") || n.contains("event") && n.endsWith("id")) {
            return "hr-2026-0001";
        }
        if (n.endsWith("personid") || n.endsWith("managerid") || n.endsWith("assigneeid") || n.endsWith("ownerid") || n.equals("recipientid")) {
            return "p-1042";
        }
        if (n.equals("id") || n.endsWith("id")) {
            return "id-1";
        }
        if (n.contains("email")) {
            return "ana@windshift.example";
        }
        if (n.contains("name")) {
            return "Helios oncology";
        }
        if (n.contains("url")) {
            return "https://hooks.example.com/windshift";
        }
        return "text";
    }

    private static String type(Schema<?> schema) {
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
        }
        return schema.getType();
    }

    private static String singular(String name) {
        return name != null && name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }
}
