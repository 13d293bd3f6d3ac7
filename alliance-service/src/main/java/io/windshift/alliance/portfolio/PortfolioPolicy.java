package io.windshift.alliance.portfolio;

import java.util.EnumMap;
import java.util.Map;

/**
 * The company's model, from configuration: how many STRATEGIC alliances one alliance manager can lead,
 * what happens beyond that, and which role the partnership lead must also hold at each stage (Amgen moved
 * it from the GPGM to the product team leader to the alliance manager for late-stage commercial programmes).
 * A stage absent from the map lets anyone lead.
 */
public record PortfolioPolicy(int capacity, CapacityPolicy capacityPolicy, Map<Stage, Role> leadRoleByStage) {

    public enum CapacityPolicy { REFUSE, FLAG }

    public PortfolioPolicy {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        leadRoleByStage = leadRoleByStage == null || leadRoleByStage.isEmpty() ? Map.of() : new EnumMap<>(leadRoleByStage);
    }

    public static PortfolioPolicy defaults() {
        return new PortfolioPolicy(5, CapacityPolicy.REFUSE, Map.of());
    }

    /** The role the partnership lead must also hold at this stage, or null when anyone may lead. */
    public Role leadRoleAt(Stage stage) {
        return leadRoleByStage.get(stage);
    }
}
