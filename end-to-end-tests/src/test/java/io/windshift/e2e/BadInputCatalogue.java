package io.windshift.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The malformed requests the bad-input suite sends, per endpoint of {@link Endpoints}. */
final class BadInputCatalogue {

    static final String ALLIANCE = """
            {"name":"Fuzzed alliance","partner":"Fuzz Bio","asset":"FZ-1","type":"CO_DEVELOPMENT","stage":"EARLY","status":"ACTIVE",
             "tier":"STRATEGIC","team":[{"role":"PARTNERSHIP_LEAD","personId":"p-fuzz-lead"},{"role":"ALLIANCE_MANAGER","personId":"p-fuzz-am"}]}
            """;
    static final String TERMINATED = """
            {"specversion":"1.0","id":"fuzz-1","source":"/workday","type":"hr.worker.terminated","time":"2026-11-01T10:00:00Z",
             "data":{"personId":"p-fuzz-gone","effectiveDate":"2026-12-01","reasonCode":"RESIGNATION"}}
            """;
    static final String BATCH = """
            [{"specversion":"1.0","id":"fuzz-2","source":"/workday","type":"hr.worker.hired",
              "data":{"personId":"p-fuzz-new","name":"New Person","email":"new@example.com","orgUnitId":"ou-1","managerId":"p-head","effectiveDate":"2026-12-01"}},
             {"specversion":"1.0","id":"fuzz-3","source":"/workday","type":"hr.org.reorganized",
              "data":{"reorgId":"r-fuzz","name":"Fuzz reorg","effectiveDate":"2026-12-01",
                      "movedWorkers":[{"personId":"p-fuzz-a","toOrgUnitId":"ou-2","newManagerId":"p-head"}],"departedWorkers":[{"personId":"p-fuzz-b"}]}}]
            """;
    static final String ASSIGN = "{\"personId\":\"p-fuzz-pm\"}";
    static final String HUGE = "{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";

    private BadInputCatalogue() {
    }

    static String batch(int events, java.util.function.IntFunction<String> event) {
        return java.util.stream.IntStream.range(0, events).mapToObj(event).collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    static List<BadInputs.Case> cases(SecurityMatrix.Fixture fixture) {
        String roles = "/api/v1/alliances/" + fixture.allianceId() + "/roles/PROGRAM_MANAGER";
        BadInputs inputs = new BadInputs()
                .body("POST", "/api/v1/alliances", "application/json", ALLIANCE,
                        Set.of("name", "partner", "type", "stage", "tier", "team", "team/0/role", "team/0/personId"),
                        Set.of("type", "stage", "tier", "status", "team/0/role", "team/1/role"))
                .body("PUT", roles, "application/json", ASSIGN, Set.of("personId"), Set.of())
                .body("POST", "/api/v1/hr/events", "application/cloudevents+json", TERMINATED,
                        Set.of("specversion", "id", "source", "type", "data", "data/personId", "data/effectiveDate"), Set.of("type", "specversion"))
                .body("POST", "/api/v1/hr/events", "application/cloudevents-batch+json", BATCH,
                        Set.of("0/id", "0/type", "0/data", "0/data/personId", "1/id", "1/type", "1/data", "1/data/reorgId", "1/data/effectiveDate"),
                        Set.of("0/type", "1/type"));
        for (String date : List.of("not-a-date", "2026-13-45", "01/12/2026", "")) {
            inputs.add("bad date", "POST", "/api/v1/hr/events", "application/cloudevents+json",
                    BadInputs.mutate(TERMINATED, "data/effectiveDate", tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(date)));
        }
        for (String type : List.of("alliance.registered", "obligation.overdue", "finance.invoice.paid", "hr.worker.terminated.v9",
                "HR.WORKER.TERMINATED", "hr.worker.*", "hr.worker.terminated ")) {
            inputs.add("CloudEvent type not accepted here", "POST", "/api/v1/hr/events", "application/cloudevents+json",
                    BadInputs.mutate(TERMINATED, "type", tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(type)));
        }
        inputs.add("name too long", "POST", "/api/v1/alliances", "application/json", BadInputs.mutate(ALLIANCE, "name",
                tools.jackson.databind.node.JsonNodeFactory.instance.stringNode("n".repeat(201))));
        inputs.add("blank name", "POST", "/api/v1/alliances", "application/json", BadInputs.mutate(ALLIANCE, "name",
                tools.jackson.databind.node.JsonNodeFactory.instance.stringNode("   ")));
        inputs.add("empty team", "POST", "/api/v1/alliances", "application/json", BadInputs.mutate(ALLIANCE, "team",
                tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode()));
        inputs.add("blank person", "PUT", roles, "application/json", "{\"personId\":\"  \"}");
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            inputs.add("unsupported content type", "POST", "/api/v1/alliances", contentType, ALLIANCE);
            inputs.add("unsupported content type", "POST", "/api/v1/hr/events", contentType, TERMINATED);
        }
        for (String path : List.of("/api/v1/alliances", "/api/v1/hr/events", roles)) {
            inputs.add("oversize body", path.equals(roles) ? "PUT" : "POST", path, "application/json", HUGE);
        }
        for (String injection : BadInputs.INJECTIONS) {
            String id = URLEncoder.encode(injection, StandardCharsets.UTF_8);
            inputs.add("operator injection in an id", "GET", "/api/v1/alliances/" + id, null, null);
            inputs.add("operator injection in an id", "PUT", "/api/v1/alliances/" + id + "/roles/PROGRAM_MANAGER", "application/json", ASSIGN);
            inputs.add("operator injection in a role", "PUT", "/api/v1/alliances/" + fixture.allianceId() + "/roles/" + id, "application/json", ASSIGN);
            inputs.add("operator injection in an id", "POST", "/api/v1/notifications/" + id + "/read", null, null);
            inputs.add("operator injection in a filter", "GET", "/api/v1/alliances?tier=" + id, null, null);
        }
        for (String query : List.of("tier=NOT_A_TIER", "stage=late%20stage", "stage=0")) {
            inputs.add("unknown enum in a filter", "GET", "/api/v1/alliances?" + query, null, null);
        }
        for (String query : List.of("page=-1", "size=0", "size=1000", "page=abc", "size=1e3")) {
            inputs.add("bad paging", "GET", "/api/v1/notifications?" + query, null, null);
        }
        for (String query : List.of("", "q=", "q=a", "q=%20a%20", "q=" + "x".repeat(101), "q=ana&size=0", "q=ana&size=101", "q=ana&page=-1",
                "q=ana&size=ten")) {
            inputs.add("bad people search", "GET", "/api/v1/people?" + query, null, null);
        }
        for (String query : List.of("status=OPEN&size=201", "size=0", "size=100000", "page=-1")) {
            inputs.add("bad paging", "GET", "/api/v1/actions?" + query, null, null);
        }
        for (String query : List.of("size=1001", "size=0", "size=2147483647", "page=-1")) {
            inputs.add("bad paging", "GET", "/api/v1/impacts?allianceId=" + fixture.allianceId() + "&" + query, null, null);
        }
        // One event over the batch limit: refused as a whole, naming the batch. Departures of the fixture's lead and payments
        // of its obligation, so anything published would show in the suite's before/after comparison.
        inputs.add("batch over the limit", "POST", "/api/v1/hr/events", "application/cloudevents-batch+json",
                batch(1001, i -> TERMINATED.replace("fuzz-1", "fuzz-batch-" + i).replace("p-fuzz-gone", fixture.lead())));
        inputs.add("batch over the limit", "POST", "/api/v1/finance/events", "application/cloudevents-batch+json",
                batch(1001, i -> Endpoints.INVOICE_PAID.formatted("fuzz-batch-" + i, "inv-fuzz-" + i)
                        .replace("ob-matrix-unknown", fixture.placeholders().get("obligationId"))));
        inputs.add("oversize webhook URL", "PUT", "/api/v1/preferences", "application/json",
                "{\"webhookUrl\":\"https://hooks.example.com/" + "x".repeat(2100) + "\"}");
        inputs.add("oversize time zone", "PUT", "/api/v1/preferences", "application/json", "{\"timeZone\":\"" + "Z".repeat(65) + "\"}");
        inputs.body("POST", "/api/v1/subscriptions", "application/json", Endpoints.SUBSCRIPTION, Set.of("url", "types"), Set.of("types/0"));
        for (String url : List.of("ftp://93.184.215.14/x", "file:///etc/passwd", "https:///no-host",
                "https://user:pw@93.184.215.14/x", "not a url", "https://" + "x".repeat(2100) + ".example.com/")) {
            inputs.add("refused subscription URL", "POST", "/api/v1/subscriptions", "application/json",
                    BadInputs.mutate(Endpoints.SUBSCRIPTION, "url", tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(url)));
        }
        for (String type : List.of("hr.worker.terminated", "finance.invoice.paid", "alliance.registered", "obligation.*", "")) {
            inputs.add("type not subscribable", "POST", "/api/v1/subscriptions", "application/json",
                    Endpoints.SUBSCRIPTION.replace("\"obligation.overdue\"", "\"" + type + "\""));
        }
        for (String query : List.of("size=0", "size=101", "page=-1", "status=LOST")) {
            inputs.add("bad paging", "GET", "/api/v1/subscriptions/sub-unknown/deliveries?" + query, null, null);
        }
        inputs.add("unknown role", "PUT", "/api/v1/alliances/" + fixture.allianceId() + "/roles/CHIEF_WIZARD", "application/json", ASSIGN);
        return inputs.cases();
    }
}
