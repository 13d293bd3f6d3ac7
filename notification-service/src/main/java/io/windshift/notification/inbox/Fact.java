package io.windshift.notification.inbox;

import java.util.List;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * One fact folded into a notification, replaced by a later revision of the same key. A progress fact
 * ({@code progress:<impactId>}) carries {@link ImpactProgress}: it reports, it is not itself a change to act on.
 */
public record Fact(String key, String type, String allianceId, String allianceName, Severity severity, String title, String line,
                   List<String> actions, String link, int revision, boolean rescinded, ImpactProgress progress) {

    @PersistenceCreator
    public Fact {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public Fact(String key, String type, String allianceId, String allianceName, Severity severity, String title, String line,
                List<String> actions, String link, int revision, boolean rescinded) {
        this(key, type, allianceId, allianceName, severity, title, line, actions, link, revision, rescinded, null);
    }

    static Fact of(Notice notice) {
        return new Fact(notice.factKey(), notice.type(), notice.allianceId(), notice.allianceName(), notice.severity(), notice.title(),
                notice.line(), notice.actions(), notice.link(), notice.revision(), notice.rescinded(), notice.progress());
    }

    /** The same progress fact with its progress (and so its line) replaced. */
    Fact withProgress(ImpactProgress merged) {
        return new Fact(key, type, allianceId, allianceName, severity, title, merged.line(), actions, link, revision, rescinded, merged);
    }

    /** A progress report on an impact rather than a change: left out of title and severity. */
    public boolean isProgress() {
        return progress != null;
    }
}
