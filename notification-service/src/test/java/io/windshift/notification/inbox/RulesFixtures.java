package io.windshift.notification.inbox;

import java.util.List;
import java.util.Set;

/** People as the rules see them in unit tests: p-gone has left, p-head heads alliance management. */
final class RulesFixtures {

    private RulesFixtures() {
    }

    static Reach reach() {
        return new Reach(id -> id, Set.of("p-gone")::contains, List.of("p-head"));
    }
}
