package io.windshift.local;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny JSON writer: objects of strings, numbers, booleans, null and string collections. */
final class Json {
    private Json() {
    }

    static String write(Map<String, ?> object) {
        StringBuilder sb = new StringBuilder();
        writeObject(sb, object);
        return sb.toString();
    }

    private static void writeObject(StringBuilder sb, Map<String, ?> object) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> entry : object.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, entry.getKey());
            sb.append(':');
            writeValue(sb, entry.getValue());
        }
        sb.append('}');
    }

    private static void writeValue(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            writeString(sb, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                    || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
                throw new IllegalArgumentException("not a JSON number: " + value);
            }
            sb.append(value);
        } else if (value instanceof Collection<?> items) {
            sb.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeValue(sb, item);
            }
            sb.append(']');
        } else if (value instanceof Object[] array) {
            writeValue(sb, Arrays.asList(array));
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            writeObject(sb, copy);
        } else {
            throw new IllegalArgumentException("unsupported claim type: " + value.getClass().getName());
        }
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
