package io.windshift.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one mapper for the wire format. Jackson 3 changed several defaults, so every option the wire
 * format depends on is set here explicitly; golden JSON tests guard the result.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Tolerant reader: a newer producer may add fields without breaking older consumers.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Money keeps its scale through the tree model (2500000.00 stays 2500000.00).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static CloudEvent read(String json) {
        return MAPPER.readValue(json, CloudEvent.class);
    }

    public static CloudEvent read(byte[] json) {
        return MAPPER.readValue(json, CloudEvent.class);
    }
}
