package io.windshift.notification.inbox;

import java.util.List;

/** One fact folded into a notification, replaced by a later revision of the same key. */
public record Fact(String key, String type, String allianceId, String allianceName, Severity severity, String title, String line,
                   List<String> actions, String link, int revision, boolean rescinded) {

    public Fact {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    static Fact of(Notice notice) {
        return new Fact(notice.factKey(), notice.type(), notice.allianceId(), notice.allianceName(), notice.severity(), notice.title(),
                notice.line(), notice.actions(), notice.link(), notice.revision(), notice.rescinded());
    }
}
