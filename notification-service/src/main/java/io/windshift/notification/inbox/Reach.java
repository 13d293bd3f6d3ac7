package io.windshift.notification.inbox;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** What the rules need to know about people: how to name them, who left, who heads alliance management. */
public record Reach(Function<String, String> labels, Predicate<String> departed, List<String> heads) {

    public Reach {
        heads = heads == null ? List.of() : List.copyOf(heads);
    }

    public String label(String personId) {
        return personId == null ? "nobody" : labels.apply(personId);
    }

    /** Candidates minus the excluded and the departed, each once, in order. */
    public List<String> reachable(Collection<String> candidates, Set<String> excluded) {
        Set<String> result = new LinkedHashSet<>();
        for (String candidate : candidates) {
            if (candidate != null && !excluded.contains(candidate) && !departed.test(candidate)) {
                result.add(candidate);
            }
        }
        return List.copyOf(result);
    }

    static String human(String constant) {
        return constant == null ? "" : constant.toLowerCase().replace('_', ' ');
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static Severity severity(String value, Severity fallback) {
        try {
            return value == null ? fallback : Severity.valueOf(value);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
