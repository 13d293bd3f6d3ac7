package io.windshift.alliance.people;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * The org units as HR last described them ({@code hr.org.unit-changed}), so that people read "moved to Oncology"
 * rather than an id. Keyed by the unit's id; a description older than the one kept (by effective date) is ignored,
 * whatever order the events arrive in.
 */
@Component
public class OrgUnits {

    @Document("org_units")
    record OrgUnit(@Id String orgUnitId, String name, String parentOrgUnitId, String headPersonId, LocalDate effectiveDate,
                   String lastEventId) {
    }

    private final MongoTemplate mongo;

    OrgUnits(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Keeps HR's description of the unit unless a later one is kept already; true if it was kept. */
    public boolean changed(String orgUnitId, String name, String parentOrgUnitId, String headPersonId, LocalDate effective, String eventId) {
        OrgUnit kept = mongo.findById(orgUnitId, OrgUnit.class);
        if (kept != null && kept.effectiveDate() != null && effective != null && kept.effectiveDate().isAfter(effective)) {
            return false;
        }
        mongo.save(new OrgUnit(orgUnitId, name, parentOrgUnitId, headPersonId, effective, eventId));
        return true;
    }

    public Optional<String> nameOf(String orgUnitId) {
        return orgUnitId == null ? Optional.empty()
                : Optional.ofNullable(mongo.findById(orgUnitId, OrgUnit.class)).map(OrgUnit::name).filter(n -> !n.isBlank());
    }

    /** "Oncology" when HR has named the unit, "org unit ou-onc" until then. */
    public String label(String orgUnitId) {
        return nameOf(orgUnitId).orElse("org unit " + orgUnitId);
    }
}
