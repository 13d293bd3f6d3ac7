package io.windshift.local.demo;

import java.util.List;

/** Milestone payments and reports of the demo portfolio, registered through obligation-service's API. */
final class DemoObligations {

    private DemoObligations() {
    }

    static void load(PlatformClient client, String admin, List<DemoPortfolio.Deal> deals, List<String> allianceIds) {
        // Filled in once the obligation register's API is merged.
    }
}
