package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;

/** {@code hr.event.rescinded}: HR takes back an earlier event; what it caused is undone. */
public record EventRescinded(@NotBlank String rescindedEventId) {
}
