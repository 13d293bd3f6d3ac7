package io.windshift.notification.subscriptions;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What integrators may subscribe to: what Windshift concluded and what people did about it (change impacts, their
 * actions and their resolution) and every obligation event. The HR and finance facts they sent us are theirs
 * already; the portfolio's own changes stay inside for now.
 */
public final class SubscribableEvents {

    public static final Set<EventType> TYPES;

    static {
        Set<EventType> types = EnumSet.of(EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, EventType.ALLIANCE_IMPACT_ACTION_CHANGED,
                EventType.ALLIANCE_CHANGE_IMPACT_RESOLVED);
        Arrays.stream(EventType.values()).filter(t -> t.topic().equals(Topics.OBLIGATION)).forEach(types::add);
        TYPES = java.util.Collections.unmodifiableSet(types);
    }

    private SubscribableEvents() {
    }

    /** The subscribable type of this wire name, if it is one. */
    public static Optional<EventType> of(String wireName) {
        return EventType.fromWireName(wireName).filter(TYPES::contains);
    }

    public static List<String> wireNames() {
        return TYPES.stream().map(EventType::wireName).sorted().toList();
    }

    /** Every subscribable payload names its alliance; null if this one does not. */
    static String allianceOf(CloudEvent event) {
        JsonNode data = event.data();
        JsonNode alliance = data == null ? null : data.get("allianceId");
        return alliance == null || alliance.isNull() ? null : alliance.asString();
    }
}
