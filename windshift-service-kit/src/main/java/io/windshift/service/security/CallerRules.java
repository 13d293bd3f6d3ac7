package io.windshift.service.security;

/** Checks usable in {@code @PreAuthorize} expressions as {@code @callerRules}. */
public class CallerRules {

    public boolean isPerson() {
        return Caller.current().isPerson();
    }
}
