package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.e2e.Endpoints.Access;
import io.windshift.e2e.Endpoints.Endpoint;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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

    enum Caller { NO_TOKEN, TAMPERED_TOKEN, EXPIRED_TOKEN, WRONG_ROLE, WRONG_PERSON, INTEGRATION_CLIENT, RIGHTFUL_CALLER }

    enum Expect { UNAUTHENTICATED, FORBIDDEN, NOTHING_OF_OTHERS, ALLOWED }

    /** The data the refusals must not show: an alliance, its team and a notification in the lead's inbox. */
    record Fixture(String allianceId, String allianceName, String lead, String manager, String notificationId, String notificationTitle) {

        List<String> secrets() {
            return List.of(allianceName, lead, manager, notificationTitle);
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
            case WRONG_ROLE, WRONG_PERSON -> access == Access.PEOPLE_OWN_DATA ? Expect.NOTHING_OF_OTHERS : Expect.FORBIDDEN;
            case INTEGRATION_CLIENT -> Expect.FORBIDDEN;
            case RIGHTFUL_CALLER -> Expect.ALLOWED;
        };
    }

    private void check(Endpoint endpoint, Caller caller, boolean viaGateway) {
        Expect expect = expected(endpoint.access(), caller);
        Assumptions.assumeTrue(endpoint.live() || expect == Expect.UNAUTHENTICATED,
                () -> endpoint.label() + " is not served yet: only token checks apply");
        String base = viaGateway ? platform.gateway() : platform.direct(endpoint.service());
        String path = endpoint.path().replace("{allianceId}", fixture.allianceId()).replace("{notificationId}", fixture.notificationId());
        String body = endpoint.body() == null ? null
                : endpoint.body().contains("\"name\":\"%s\"") ? endpoint.body().formatted(createdName)
                : endpoint.body().contains("%s") ? endpoint.body().formatted(UUID.randomUUID(), UUID.randomUUID()) : endpoint.body();
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
            case NOTHING_OF_OTHERS -> {
                assertThat(response.statusCode()).as(what).isIn(200, 404);
                if (response.statusCode() == 404) {
                    assertThat(Http.isProblemJson(response)).as(what).isTrue();
                }
            }
            case ALLOWED -> {
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
            case INTEGRATION_CLIENT -> access == Access.HR_CLIENTS ? tokens.client("sap", "finance.events:write")
                    : tokens.client("workday", "hr.events:write");
            case RIGHTFUL_CALLER -> switch (access) {
                case PORTFOLIO_EDITORS -> tokens.person("p-admin", "ALLIANCE_ADMIN");
                case PEOPLE_OWN_DATA -> tokens.person(fixture.lead(), "EMPLOYEE");
                case HR_CLIENTS -> tokens.client("workday", "hr.events:write");
                case FINANCE_CLIENTS -> tokens.client("sap", "finance.events:write");
            };
        };
    }
}
