package io.windshift.local.demo;

import static io.windshift.local.demo.PlatformClient.q;

import java.time.LocalDate;
import java.util.List;

/**
 * Rights and obligations of the demo portfolio, registered through obligation-service's API: a milestone
 * payment per STRATEGIC and STANDARD alliance (some due within a week, so reminders fire at once), quarterly
 * royalty reports for commercial ones and a triggered Phase 3 milestone for late-stage ones.
 */
final class DemoObligations {

    private DemoObligations() {
    }

    static int load(PlatformClient client, String admin, List<DemoPortfolio.Deal> deals, List<String> allianceIds) {
        LocalDate today = LocalDate.now();
        int registered = 0;
        for (int i = 0; i < deals.size(); i++) {
            DemoPortfolio.Deal deal = deals.get(i);
            if (deal.tier().equals("LOW_TOUCH")) {
                continue;
            }
            String owner = deal.am() != null ? deal.am() : deal.lead();
            String agreement = "agr-" + deal.asset().toLowerCase();
            LocalDate due = today.plusDays(new int[] {5, 12, 29, 45, 90}[i % 5]);
            long amount = 1_000_000L * (1 + i % 7) + 500_000L;
            registered += post(client, admin, """
                    {"allianceId":%s,"title":%s,"agreementId":%s,"clauseRef":"7.1(b)","category":"FINANCIAL","type":"MILESTONE_PAYMENT",
                     "direction":"OWED_BY_US","ownerId":%s,"reviewerId":%s,"amount":%d.00,"currency":"USD","dueDate":"%s"}"""
                    .formatted(q(allianceIds.get(i)), q("Development milestone payment to " + deal.partner()), q(agreement), q(owner),
                            q(deal.finance()), amount, due));
            if (deal.stage().equals("COMMERCIAL")) {
                registered += post(client, admin, """
                        {"allianceId":%s,"title":"Quarterly royalty report","agreementId":%s,"clauseRef":"9.3","category":"REPORTING",
                         "type":"ROYALTY_REPORT","direction":"OWED_BY_US","ownerId":%s,"reviewerId":%s,
                         "recurrence":{"frequency":"QUARTERLY","firstDueDate":"%s","until":"%s"}}"""
                        .formatted(q(allianceIds.get(i)), q(agreement), q(deal.finance()), q(owner), today.plusDays(20), today.plusYears(3)));
            }
            if (deal.stage().equals("LATE")) {
                registered += post(client, admin, """
                        {"allianceId":%s,"title":"Milestone on first patient dosed in Phase 3","agreementId":%s,"clauseRef":"7.1(c)",
                         "category":"FINANCIAL","type":"MILESTONE_PAYMENT","direction":"OWED_BY_US","ownerId":%s,"reviewerId":%s,
                         "amount":7500000.00,"currency":"USD","trigger":{"milestone":"first patient dosed in Phase 3","dueDaysAfter":60}}"""
                        .formatted(q(allianceIds.get(i)), q(agreement), q(owner), q(deal.finance())));
            }
        }
        System.out.printf("Registered %d obligations (milestone payments, royalty reports, triggered milestones)%n", registered);
        return registered;
    }

    private static int post(PlatformClient client, String admin, String body) {
        // obligation-service learns alliances from Kafka: a brand-new alliance may take a moment to arrive.
        for (int attempt = 1; ; attempt++) {
            var response = client.post("/api/v1/obligations", admin, "application/json", body);
            if (response.statusCode() == 201) {
                return 1;
            }
            if (attempt >= 40 || response.statusCode() == 400) {
                System.err.println("obligation not registered (" + response.statusCode() + "): " + response.body());
                return 0;
            }
            PlatformClient.pause(java.time.Duration.ofMillis(250));
        }
    }
}
