package io.windshift.service.trace;

import io.windshift.messaging.trace.TracePart;
import io.windshift.service.security.Caller;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may read an event trace, in every service that serves a part of it: the head of alliance management and admins
 * (everything) and integration clients (ids only; alliance-service, which composes the trace, then checks that the
 * client posted the event). Other people are refused.
 */
public final class EventTraceAccess {

    private EventTraceAccess() {
    }

    /** The current caller, if they may read event traces; else 403. */
    public static Caller caller() {
        Caller caller = Caller.current();
        if (caller.isPerson() && !caller.seesEverything()) {
            throw new AccessDeniedException("an event trace is for the head of alliance management, admins and the client that posted it");
        }
        return caller;
    }

    /** The part as {@code caller} may see it: whole for people (who passed {@link #caller()}), ids only for clients. */
    public static TracePart viewOf(Caller caller, TracePart part) {
        return caller.isPerson() ? part : part.idsOnly();
    }
}
