package io.windshift.service.web;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What a refusal says about JSON that does not bind, in the client's terms: the field is named by the caller, the message
 * never holds a Java class name (Jackson's own messages name {@code io.windshift...} types, which only help an attacker).
 */
public final class JsonProblems {

    /** Qualified Java names of the platform, the JDK and the libraries: shown by their simple name only. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b(?:io\\.windshift|java|javax|jakarta|sun|jdk|tools\\.jackson|com\\.fasterxml|org\\.springframework)(?:\\.[\\w$]+)+");

    private JsonProblems() {
    }

    /** "is not a field of this request", "'GOLD' is not one of [A, B]", or Jackson's message without class names. */
    public static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a field of this request";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            String accepted = Arrays.stream(format.getTargetType().getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", ", "[", "]"));
            return "has an invalid value: '" + format.getValue() + "' is not one of " + accepted;
        }
        return "has an invalid value: " + withoutClassNames(e.getOriginalMessage());
    }

    /** Replaces every qualified Java name by its simple name ({@code io.windshift.x.Alliance$Tier} becomes {@code Tier}). */
    public static String withoutClassNames(String message) {
        if (message == null) {
            return "";
        }
        Matcher names = QUALIFIED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            String name = names.group();
            String simple = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
            names.appendReplacement(out, Matcher.quoteReplacement(simple));
        }
        names.appendTail(out);
        return out.toString();
    }
}
