package io.windshift.service.docs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * The shape of a structured CloudEvent as integrators post it, for the OpenAPI document only (the intake reads the
 * raw body and validates it against the event contract in windshift-contract).
 */
@Schema(name = "CloudEvent", description = "A CloudEvents 1.0 event in structured JSON mode. `type` is one of the contract's "
        + "versioned types (docs/asyncapi.yaml); `data` holds that type's fields. A repeated `id` is accepted again and has no second effect.")
public record CloudEventDocument(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Always 1.0.", example = "1.0") String specversion,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Unique per source; the idempotency key and the trigger id "
                + "every impact and notification refers back to.", example = "hr-2026-0001") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The sending system.", example = "/workday") String source,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The event type.", example = "hr.worker.terminated") String type,
        @Schema(description = "Optional subject, e.g. the person id.", example = "p-1042") String subject,
        @Schema(description = "When it happened at the source.", example = "2026-11-01T09:00:00Z") Instant time,
        @Schema(description = "Content type of `data`; application/json when given.", example = "application/json") String datacontenttype,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The type's payload.",
                example = "{\"personId\":\"p-1042\",\"effectiveDate\":\"2026-11-01\",\"reasonCode\":\"RESIGNATION\"}")
        Map<String, Object> data) {
}
