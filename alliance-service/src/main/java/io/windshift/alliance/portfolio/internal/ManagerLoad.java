package io.windshift.alliance.portfolio.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One alliance manager's STRATEGIC alliances: those they lead, plus slots claimed by commands still in flight
 * ({@code claims}: alliance id -> when). Every change is a compare-and-set on {@code {_id, version}} (a unique
 * index the embedded store can use, declared by windshift-messaging's {@code VersionedSaveIndexes}), so the
 * capacity check and the claim are one atomic step per manager.
 */
@Document(ManagerLoadIndex.COLLECTION)
class ManagerLoad {

    @Id
    private final String managerId;
    private final List<String> strategicAllianceIds;
    private final Map<String, Instant> claims;
    @Version
    private Long version;

    @PersistenceCreator
    ManagerLoad(String managerId, List<String> strategicAllianceIds, Map<String, Instant> claims, Long version) {
        this.managerId = managerId;
        this.strategicAllianceIds = new ArrayList<>(strategicAllianceIds == null ? List.of() : strategicAllianceIds);
        this.claims = new LinkedHashMap<>(claims == null ? Map.of() : claims);
        this.version = version;
    }

    static ManagerLoad empty(String managerId) {
        return new ManagerLoad(managerId, List.of(), Map.of(), null);
    }

    String managerId() {
        return managerId;
    }

    List<String> allianceIds() {
        return strategicAllianceIds;
    }

    Map<String, Instant> claims() {
        return claims;
    }

    Long version() {
        return version;
    }
}
