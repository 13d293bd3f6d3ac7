package io.windshift.service.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Registers the problem+json error handling in every service that depends on the kit. */
@AutoConfiguration
@Import(ProblemHandler.class)
public class ServiceWebAutoConfiguration {
}
