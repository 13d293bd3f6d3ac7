package io.windshift.service.web;

import java.util.List;
import tools.jackson.core.JacksonException.Reference;

/** Renders a Jackson reference path as the field name a client sent: {@code team[0].role}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<Reference> path) {
        StringBuilder out = new StringBuilder();
        for (Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
