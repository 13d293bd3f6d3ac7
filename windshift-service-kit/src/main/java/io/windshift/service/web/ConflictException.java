package io.windshift.service.web;

/** The request is well-formed but breaks a business rule given the current state: 409. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
