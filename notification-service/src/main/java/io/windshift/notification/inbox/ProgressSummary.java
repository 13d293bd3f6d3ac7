package io.windshift.notification.inbox;

import java.util.Collection;

/**
 * Progress over every impact folded into one notification: how many impacts, how many of them are resolved,
 * and their actions by state (summed).
 */
public record ProgressSummary(int impacts, int resolvedImpacts, int actions, int open, int done, int dismissed) {

    /** The sum over the impacts, or null when there are none. */
    public static ProgressSummary of(Collection<ImpactProgress> impacts) {
        if (impacts.isEmpty()) {
            return null;
        }
        int resolved = 0;
        int actions = 0;
        int open = 0;
        int done = 0;
        int dismissed = 0;
        for (ImpactProgress p : impacts) {
            resolved += p.resolved() ? 1 : 0;
            actions += p.total();
            open += p.open();
            done += p.done();
            dismissed += p.dismissed();
        }
        return new ProgressSummary(impacts.size(), resolved, actions, open, done, dismissed);
    }
}
