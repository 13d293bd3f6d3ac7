package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.e2e.Endpoints.Access;
import io.windshift.e2e.Endpoints.Endpoint;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Every endpoint of {@link Endpoints} x every kind of caller x {through the gateway, straight to the
 * service}: the right 401/403 (or, for a person's own data, nothing of anyone else's), problem+json, and
 * none of the fixture's data in any refusal.
 */
final class SecurityMatrix {

    /**
     * {@code TEAM_MEMBER} is the fixture alliances' executive sponsor: on the team (sees the alliance, its impacts and
     * obligations) but neither its alliance manager, its partnership lead nor an obligation's owner. It is not asked for a
     * person's own data, which a team member rightly sees.
     */
    enum Caller { NO_TOKEN, TAMPERED_TOKEN, EXPIRED_TOKEN, WRONG_ROLE, WRONG_PERSON, TEAM_MEMBER, INTEGRATION_CLIENT, RIGHTFUL_CALLER }

    /** {@code REFUSED}: 403, or 404 when the caller may not even see the object. */
    enum Expect { UNAUTHENTICATED, FORBIDDEN, REFUSED, NOTHING_OF_OTHERS, ALLOWED }

    /**
     * The data the refusals must not show: an alliance, its team, a notification in the lead's inbox and an obligation's
     * title; {@code placeholders} are the ids the endpoint table names ({@code {impactId}} ...).
     */
    record Fixture(String allianceId, String allianceName, String lead, String manager, String notificationId, String notificationTitle,
                   String sponsor, String allianceManager, String obligationOwner, String obligationTitle, Map<String, String> placeholders) {

        List<String> secrets() {
            return List.of(allianceName, lead, manager, notificationTitle, obligationTitle);
        }

        String fill(String text) {
            String filled = text;
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                filled = filled.replace("{" + p.getKey() + "}", p.getValue());
            }
            return filled;
        }
    }

    private final Platform platform;
    private final Tokens tokens;
    private final Fixture fixture;
    private final Http http = new Http();
    final String createdName = "Matrix-" + UUID.randomUUID();
    private int rightfulCreates;

    SecurityMatrix(Platform platform, Tokens tokens, Fixture fixture) {
        this.platform = platform;
        this.tokens = tokens;
        this.fixture = fixture;
    }

    Stream<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : Endpoints.ALL) {
            for (Caller caller : Caller.values()) {
                if (caller == Caller.TEAM_MEMBER && endpoint.access() == Access.PEOPLE_OWN_DATA) {
                    continue;
                }
                for (boolean viaGateway : new boolean[] {true, false}) {
                    String name = (viaGateway ? "gateway " : "direct ") + endpoint.label() + " as " + caller;
                    tests.add(DynamicTest.dynamicTest(name, () -> check(endpoint, caller, viaGateway)));
                }
            }
        }
        return tests.stream();
    }

    int rightfulCreates() {
        return rightfulCreates;
    }

    static Expect expected(Access access, Caller caller) {
        return switch (caller) {
            case NO_TOKEN, TAMPERED_TOKEN, EXPIRED_TOKEN -> Expect.UNAUTHENTICATED;
            case WRONG_ROLE, WRONG_PERSON -> switch (access) {
                case PEOPLE_OWN_DATA -> Expect.NOTHING_OF_OTHERS;
                case ALLIANCE_LEADS, ALLIANCE_MANAGER_OF_ALLIANCE, OBLIGATION_OWNER -> Expect.REFUSED;
                default -> Expect.FORBIDDEN;
            };
            // Sees the object, so the refusal is a 403, not a 404.
            case TEAM_MEMBER -> Expect.FORBIDDEN;
            case INTEGRATION_CLIENT -> Expect.FORBIDDEN;
            case RIGHTFUL_CALLER -> Expect.ALLOWED;
        };
    }

    private void check(Endpoint endpoint, Caller caller, boolean viaGateway) {
        Expect expect = expected(endpoint.access(), caller);
        Assumptions.assumeTrue(endpoint.live() || expect == Expect.UNAUTHENTICATED,
                () -> endpoint.label() + " is not served yet: only token checks apply");
        String base = viaGateway ? platform.gateway() : platform.direct(endpoint.service());
        String path = fixture.fill(endpoint.path());
        String body = endpoint.body() == null ? null
                : endpoint.body().contains("\"name\":\"%s\"") ? endpoint.body().formatted(createdName)
                : endpoint.body().contains("%s") ? endpoint.body().formatted(UUID.randomUUID(), UUID.randomUUID()) : fixture.fill(endpoint.body());
        HttpResponse<String> response = http.send(base, endpoint.method(), path, token(endpoint.access(), caller), endpoint.contentType(), body);

        String what = expect + " for " + endpoint.label() + " as " + caller + ": " + response.statusCode() + " " + response.body();
        switch (expect) {
            case UNAUTHENTICATED -> {
                assertThat(response.statusCode()).as(what).isEqualTo(401);
                assertThat(Http.isProblemJson(response)).as(what).isTrue();
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).isPresent();
            }
            case FORBIDDEN -> {
                assertThat(response.statusCode()).as(what).isEqualTo(403);
                assertThat(Http.isProblemJson(response)).as(what).isTrue();
            }
            case REFUSED -> {
                assertThat(response.statusCode()).as(what).isIn(403, 404);
                assertThat(Http.isProblemJson(response)).as(what).isTrue();
            }
            case NOTHING_OF_OTHERS -> {
                assertThat(response.statusCode()).as(what).isIn(200, 404);
                if (response.statusCode() == 404) {
                    assertThat(Http.isProblemJson(response)).as(what).isTrue();
                }
            }
            case ALLOWED -> {
                if (endpoint.once() && !viaGateway && response.statusCode() == 409) {
                    // Done already by the rightful call through the gateway.
                    assertThat(Http.isProblemJson(response)).as(what).isTrue();
                    return;
                }
                assertThat(response.statusCode()).as(what).isBetween(200, 299);
                if (endpoint.method().equals("POST") && endpoint.path().equals("/api/v1/alliances")) {
                    rightfulCreates++;
                }
            }
        }
        if (expect != Expect.ALLOWED) {
            for (String secret : fixture.secrets()) {
                assertThat(response.body()).as(what).doesNotContain(secret);
            }
        }
    }

    private String token(Access access, Caller caller) {
        return switch (caller) {
            case NO_TOKEN -> null;
            case TAMPERED_TOKEN -> tokens.tampered("p-matrix-tamperer");
            // The lead's own token, an hour and more past its expiry.
            case EXPIRED_TOKEN -> tokens.expired(fixture.lead());
            case WRONG_ROLE -> tokens.person("p-matrix-other-manager", "ALLIANCE_MANAGER", "FINANCE");
            case WRONG_PERSON -> tokens.person("p-matrix-outsider", "EMPLOYEE");
            case TEAM_MEMBER -> tokens.person(fixture.sponsor(), "EMPLOYEE");
            case INTEGRATION_CLIENT -> access == Access.HR_CLIENTS ? tokens.client("sap", "finance.events:write")
                    : tokens.client("workday", "hr.events:write");
            case RIGHTFUL_CALLER -> switch (access) {
                case PORTFOLIO_EDITORS -> tokens.person("p-admin", "ALLIANCE_ADMIN");
                case PEOPLE_OWN_DATA -> tokens.person(fixture.lead(), "EMPLOYEE");
                case HR_CLIENTS -> tokens.client("workday", "hr.events:write");
                case FINANCE_CLIENTS -> tokens.client("sap", "finance.events:write");
                case ALLIANCE_LEADS -> tokens.person(fixture.lead(), "EMPLOYEE");
                case ALLIANCE_MANAGER_OF_ALLIANCE -> tokens.person(fixture.allianceManager(), "ALLIANCE_MANAGER");
                case OBLIGATION_OWNER -> tokens.person(fixture.obligationOwner(), "EMPLOYEE");
                case SUBSCRIPTION_CLIENTS -> tokens.client("erp-matrix", "events.subscriptions:write");
            };
        };
    }
}
