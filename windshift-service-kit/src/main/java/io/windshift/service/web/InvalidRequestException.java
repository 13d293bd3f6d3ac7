package io.windshift.service.web;

import java.util.List;

/** Bad input, named by field: answered with 400 problem+json and nothing stored. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One field and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
