package io.windshift.e2e;

import java.util.List;

/**
 * Every public endpoint in one table: the security matrix and the bad-input suite read it. Add a row
 * when a service grows an endpoint; set {@code live} once the service answers it (until then only the
 * token checks, which the gateway and the services make before any routing to a handler, are asserted).
 *
 * <p>Paths (and bodies) may name fixture values ({@link MatrixFixture}): {@code {allianceId}} (an alliance whose team is the
 * fixture's lead, manager and sponsor), {@code {notificationId}} (a notification in the lead's inbox), {@code {impactId}},
 * {@code {actionId}}, {@code {actionId2}} (open actions of the manager's departure), {@code {triggerEventId}}, and on a second
 * alliance {@code {obligationId}} with {@code {occurrence0..2}}, {@code {triggeredObligationId}}/{@code {triggeredOccurrence}}.
 */
final class Endpoints {

    /** Who may call an endpoint. Everyone else gets 401 (no valid token) or 403 (valid token, not allowed). */
    enum Access {
        /** ALLIANCE_ADMIN or HEAD_OF_ALLIANCE_MANAGEMENT. */
        PORTFOLIO_EDITORS,
        /** Any person; they see only what involves them (others' data is 404 or filtered out). */
        PEOPLE_OWN_DATA,
        /** Integration clients with scope {@code hr.events:write}. */
        HR_CLIENTS,
        /** Integration clients with scope {@code finance.events:write}. */
        FINANCE_CLIENTS,
        /** The alliance manager or partnership lead of this alliance (or an editor): acting on its impacts' actions. */
        ALLIANCE_LEADS,
        /** The alliance manager of this obligation's alliance (token role ALLIANCE_MANAGER and the seat), or an editor. */
        ALLIANCE_MANAGER_OF_ALLIANCE,
        /** The owner of this obligation (or the alliance manager, or an editor). */
        OBLIGATION_OWNER,
        /** Integration clients with scope {@code events.subscriptions:write} (or an alliance admin): their own subscriptions. */
        SUBSCRIPTION_CLIENTS
    }

    /**
     * {@code once}: the rightful call changes state for good (completes, closes), so the second rightful call (straight to the
     * service, after the one through the gateway) may be a 409 problem; every refused call before them changed nothing,
     * or the first rightful call would not have been a 2xx.
     */
    record Endpoint(String service, String method, String path, String contentType, String body, Access access, boolean live, boolean once) {

        Endpoint(String service, String method, String path, String contentType, String body, Access access, boolean live) {
            this(service, method, path, contentType, body, access, live, false);
        }

        String label() {
            return method + " " + path;
        }
    }

    static final String HIRED = """
            {"specversion":"1.0","id":"matrix-%s","source":"/workday","type":"hr.worker.hired",
             "data":{"personId":"p-matrix-%s","name":"Matrix Person","email":"m@example.com","orgUnitId":"ou-1","managerId":"p-head","effectiveDate":"2026-01-01"}}
            """;

    static final String ALLIANCE = """
            {"name":"%s","partner":"Matrix Partner","type":"LICENSE","stage":"EARLY","tier":"STANDARD",
             "team":[{"role":"PARTNERSHIP_LEAD","personId":"p-matrix-lead"}]}
            """;

    /** A milestone payment on an alliance of no one's (the matrix only checks who may register it). */
    static final String OBLIGATION = """
            {"allianceId":"al-matrix-%s","title":"Matrix milestone %s","agreementId":"agr-m","clauseRef":"7.1","category":"FINANCIAL",
             "type":"MILESTONE_PAYMENT","direction":"OWED_BY_US","ownerId":"p-matrix-owner","amount":1000.00,"currency":"USD","dueDate":"2031-01-01"}
            """;

    /** Kept as unmatched (unknown obligation) when accepted: finance events are never dropped. */
    static final String INVOICE_PAID = """
            {"specversion":"1.0","id":"matrix-%s","source":"/sap","type":"finance.invoice.paid",
             "data":{"invoiceId":"inv-matrix-%s","obligationId":"ob-matrix-unknown","amount":10.00,"currency":"USD","paidAt":"2026-01-01T00:00:00Z"}}
            """;

    /** An endpoint at a public address literal (no DNS here) for an alliance nobody has: nothing is ever sent to it. */
    static final String SUBSCRIPTION = """
            {"url":"https://93.184.215.14/windshift/events","types":["obligation.overdue"],"allianceIds":["al-matrix-none"],
             "description":"matrix"}
            """;

    static final List<Endpoint> ALL = List.of(
            new Endpoint("alliance-service", "POST", "/api/v1/alliances", "application/json", ALLIANCE, Access.PORTFOLIO_EDITORS, true),
            new Endpoint("alliance-service", "GET", "/api/v1/alliances", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/alliances/{allianceId}", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "PUT", "/api/v1/alliances/{allianceId}/roles/PROGRAM_MANAGER", "application/json",
                    "{\"personId\":\"p-matrix-pm\"}", Access.PORTFOLIO_EDITORS, true),
            new Endpoint("alliance-service", "POST", "/api/v1/hr/events", "application/cloudevents+json", HIRED, Access.HR_CLIENTS, true),
            new Endpoint("notification-service", "GET", "/api/v1/notifications", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("notification-service", "POST", "/api/v1/notifications/{notificationId}/read", null, null, Access.PEOPLE_OWN_DATA, true),
            // Who was told about a trigger: token cases only (the matrix fixture's rightful caller is not set up for it).
            new Endpoint("notification-service", "GET", "/api/v1/notifications/triggers/matrix-trigger/deliveries", null, null, Access.PEOPLE_OWN_DATA, false),
            // Coming with the services' current work: token checks only until they are live.
            new Endpoint("alliance-service", "GET", "/api/v1/impacts?triggerEventId=x", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/impacts?allianceId={allianceId}", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/actions?status=OPEN", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/portfolio/summary", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/portfolio/vacant-roles", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/portfolio/manager-load", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/portfolio/people/p-matrix-lead/seats", null, null, Access.PEOPLE_OWN_DATA, true),
            // The fixture's departed manager is in the HR mirror: only those who see everything, or share an alliance, find them.
            new Endpoint("alliance-service", "GET", "/api/v1/people?q=p-am", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("obligation-service", "POST", "/api/v1/obligations", "application/json", OBLIGATION, Access.PORTFOLIO_EDITORS, true),
            new Endpoint("obligation-service", "GET", "/api/v1/obligations?allianceId={allianceId}", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("obligation-service", "POST", "/api/v1/finance/events", "application/cloudevents+json", INVOICE_PAID, Access.FINANCE_CLIENTS, true),
            new Endpoint("notification-service", "GET", "/api/v1/preferences", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("notification-service", "GET", "/api/v1/notifications/unread-count", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("notification-service", "GET", "/api/v1/subscriptions", null, null, Access.SUBSCRIPTION_CLIENTS, true),
            new Endpoint("notification-service", "POST", "/api/v1/subscriptions", "application/json", SUBSCRIPTION, Access.SUBSCRIPTION_CLIENTS, true),
            // Object-level checks (OWASP API1): the reads of one object and every write on one, by callers who may not.
            new Endpoint("alliance-service", "PUT", "/api/v1/alliances/{allianceId}/governance-bodies/JDC", "application/json",
                    "{\"code\":\"JDC\",\"name\":\"Joint development committee\",\"memberIds\":[\"p-matrix-jdc\"],\"cadence\":\"QUARTERLY\"}",
                    Access.PORTFOLIO_EDITORS, true),
            new Endpoint("alliance-service", "GET", "/api/v1/impacts/{impactId}", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "GET", "/api/v1/triggers/{triggerEventId}/progress", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("alliance-service", "POST", "/api/v1/impacts/{impactId}/actions/{actionId}/assign", "application/json",
                    "{\"personId\":\"p-matrix-assignee\"}", Access.ALLIANCE_LEADS, true),
            new Endpoint("alliance-service", "POST", "/api/v1/impacts/{impactId}/actions/{actionId}/complete", "application/json",
                    "{\"note\":\"matrix: done\"}", Access.ALLIANCE_LEADS, true, true),
            new Endpoint("alliance-service", "POST", "/api/v1/impacts/{impactId}/actions/{actionId2}/dismiss", "application/json",
                    "{\"reason\":\"matrix: not needed\"}", Access.ALLIANCE_LEADS, true, true),
            new Endpoint("obligation-service", "GET", "/api/v1/obligations/{obligationId}", null, null, Access.PEOPLE_OWN_DATA, true),
            new Endpoint("obligation-service", "PUT", "/api/v1/obligations/{obligationId}/owner", "application/json",
                    "{\"personId\":\"{obligationOwner}\"}", Access.ALLIANCE_MANAGER_OF_ALLIANCE, true),
            new Endpoint("obligation-service", "PUT", "/api/v1/obligations/{obligationId}/occurrences/{occurrence0}/due-date", "application/json",
                    "{\"dueDate\":\"2031-01-15\",\"reason\":\"matrix\"}", Access.ALLIANCE_MANAGER_OF_ALLIANCE, true),
            new Endpoint("obligation-service", "POST", "/api/v1/obligations/{obligationId}/occurrences/{occurrence0}/dispute", "application/json",
                    "{\"reason\":\"matrix: disputed\"}", Access.OBLIGATION_OWNER, true, true),
            new Endpoint("obligation-service", "POST", "/api/v1/obligations/{obligationId}/occurrences/{occurrence1}/fulfil", "application/json",
                    "{\"evidence\":\"matrix: report sent\"}", Access.OBLIGATION_OWNER, true, true),
            new Endpoint("obligation-service", "POST", "/api/v1/obligations/{obligationId}/occurrences/{occurrence2}/waive", "application/json",
                    "{\"reason\":\"matrix: waived\"}", Access.ALLIANCE_MANAGER_OF_ALLIANCE, true, true),
            new Endpoint("obligation-service", "POST", "/api/v1/obligations/{triggeredObligationId}/occurrences/{triggeredOccurrence}/trigger",
                    "application/json", "{\"achievedOn\":\"2030-01-01\"}", Access.OBLIGATION_OWNER, true, true),
            new Endpoint("notification-service", "GET", "/api/v1/notifications/{notificationId}", null, null, Access.PEOPLE_OWN_DATA, true),
            // Last: the lead's notification is in the archive from here on.
            new Endpoint("notification-service", "POST", "/api/v1/notifications/{notificationId}/archive", null, null, Access.PEOPLE_OWN_DATA, true, true));

    private Endpoints() {
    }
}
