package io.windshift.service.web;

/** The resource does not exist, or the caller may not know it exists: 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
