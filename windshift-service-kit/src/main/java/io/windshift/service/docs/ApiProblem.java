package io.windshift.service.docs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem response that one operation can give beyond the common ones ({@link ProblemDocumentation} adds 400 for
 * any operation with input, and 401, 403, 413, 429 and 503 to every operation): typically 404 and 409, with the
 * condition in the integrator's words. Documented as {@code application/problem+json} with the shared schema.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ApiProblems.class)
public @interface ApiProblem {

    /** The HTTP status, e.g. 404. */
    int status();

    /** When the operation answers with it, e.g. "no alliance with this id is visible to the caller". */
    String when();
}
