package io.windshift.local.demo;

import static io.windshift.local.demo.PlatformClient.q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code ./windshift demo}: loads a realistic alliance portfolio through the public API of a running platform
 * (people from "Workday", 25 collaborations of which 9 STRATEGIC led by three alliance managers, sponsors,
 * joint steering committees, notice clauses, milestone payments) and writes a reorg to try next.
 */
public final class DemoPortfolio {

    static final String CE = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    record Person(String id, String name, String orgUnit, String manager) {
    }

    /** name, partner, asset, type, stage, tier, lead, alliance manager, sponsor, finance lead, JSC members. */
    record Deal(String name, String partner, String asset, String type, String stage, String tier, String lead, String am, String sponsor,
                String finance, List<String> jsc) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("p-head", "Helena Brandt", "ou-alliance-mgmt", "p-cbo"),
            new Person("p-cbo", "Marcus Lindqvist", "ou-bd", null),
            new Person("p-ana", "Ana Ruiz", "ou-alliance-mgmt", "p-head"),
            new Person("p-ben", "Ben Okafor", "ou-alliance-mgmt", "p-head"),
            new Person("p-chen", "Chen Wei", "ou-alliance-mgmt", "p-head"),
            new Person("p-svp-onc", "Sofia Marchetti", "ou-oncology", "p-cbo"),
            new Person("p-svp-imm", "David Haddad", "ou-immunology", "p-cbo"),
            new Person("p-svp-neu", "Ingrid Solberg", "ou-neuroscience", "p-cbo"),
            new Person("p-svp-com", "Raj Patel", "ou-commercial", "p-cbo"),
            new Person("p-ptl-1", "Lena Vogel", "ou-oncology", "p-svp-onc"),
            new Person("p-ptl-2", "Tomás Ortega", "ou-oncology", "p-svp-onc"),
            new Person("p-ptl-3", "Aisha Bello", "ou-immunology", "p-svp-imm"),
            new Person("p-ptl-4", "Kenji Sato", "ou-immunology", "p-svp-imm"),
            new Person("p-ptl-5", "Maya Goldberg", "ou-neuroscience", "p-svp-neu"),
            new Person("p-ptl-6", "Olivier Dubois", "ou-neuroscience", "p-svp-neu"),
            new Person("p-gpgm-1", "Clara Jensen", "ou-commercial", "p-svp-com"),
            new Person("p-gpgm-2", "Samuel Adeyemi", "ou-commercial", "p-svp-com"),
            new Person("p-fin-1", "Priya Nair", "ou-finance", "p-cfo"),
            new Person("p-fin-2", "Lukas Becker", "ou-finance", "p-cfo"),
            new Person("p-cfo", "Elena Rossi", "ou-finance", null),
            new Person("p-legal-1", "Hannah Cohen", "ou-legal", "p-cbo"),
            new Person("p-cmo", "Victor Almeida", "ou-medical", "p-svp-onc"));

    static final List<Deal> DEALS = List.of(
            new Deal("Helios HLX-201 co-development", "Helios Bio", "HLX-201", "CO_DEVELOPMENT", "LATE", "STRATEGIC", "p-ptl-1", "p-ana", "p-svp-onc", "p-fin-1", List.of("p-svp-onc", "p-cmo")),
            new Deal("Aster ADC platform", "Aster Therapeutics", "AST-ADC", "RESEARCH", "EARLY", "STRATEGIC", "p-ptl-2", "p-ana", "p-svp-onc", "p-fin-1", List.of("p-svp-onc", "p-ptl-2")),
            new Deal("Borealis bispecifics", "Borealis Biologics", "BRL-77", "CO_DEVELOPMENT", "LATE", "STRATEGIC", "p-ptl-3", "p-ana", "p-svp-imm", "p-fin-2", List.of("p-svp-imm", "p-ptl-3")),
            new Deal("Cygnus TYK2 co-commercialization", "Cygnus Pharma", "CYG-TYK2", "CO_COMMERCIALIZATION", "COMMERCIAL", "STRATEGIC", "p-gpgm-1", "p-ben", "p-svp-com", "p-fin-2", List.of("p-svp-com", "p-gpgm-1")),
            new Deal("Draco neuro gene therapy", "Draco Genetics", "DRC-AAV9", "CO_DEVELOPMENT", "EARLY", "STRATEGIC", "p-ptl-5", "p-ben", "p-svp-neu", "p-fin-1", List.of("p-svp-neu", "p-ptl-5")),
            new Deal("Eridanus IL-23 license", "Eridanus Bio", "ERD-23", "LICENSE", "LATE", "STRATEGIC", "p-ptl-4", "p-ben", "p-svp-imm", "p-fin-2", List.of("p-svp-imm", "p-ptl-4")),
            new Deal("Fornax KRAS collaboration", "Fornax Oncology", "FNX-KRAS", "CO_DEVELOPMENT", "LATE", "STRATEGIC", "p-ptl-1", "p-chen", "p-svp-onc", "p-fin-1", List.of("p-svp-onc", "p-cmo")),
            new Deal("Gemini obesity co-commercialization", "Gemini Metabolic", "GMN-GLP", "CO_COMMERCIALIZATION", "COMMERCIAL", "STRATEGIC", "p-gpgm-2", "p-chen", "p-svp-com", "p-fin-2", List.of("p-svp-com", "p-gpgm-2")),
            new Deal("Hydra ALS antisense", "Hydra RNA", "HYD-ASO", "RESEARCH", "DISCOVERY", "STRATEGIC", "p-ptl-6", "p-chen", "p-svp-neu", "p-fin-1", List.of("p-svp-neu", "p-ptl-6")),
            new Deal("Indus biomarker services", "Indus Diagnostics", "IND-DX", "RESEARCH", "EARLY", "STANDARD", "p-ptl-2", "p-ana", "p-svp-onc", "p-fin-1", List.of()),
            new Deal("Lyra PD-1 combination", "Lyra Immuno", "LYR-PD1", "CO_DEVELOPMENT", "LATE", "STANDARD", "p-ptl-1", "p-chen", "p-svp-onc", "p-fin-1", List.of("p-ptl-1")),
            new Deal("Mensa atopic dermatitis license", "Mensa Derm", "MNS-AD", "LICENSE", "COMMERCIAL", "STANDARD", "p-gpgm-1", "p-ben", "p-svp-com", "p-fin-2", List.of()),
            new Deal("Norma migraine co-promotion", "Norma Neuro", "NRM-CGRP", "CO_COMMERCIALIZATION", "COMMERCIAL", "STANDARD", "p-gpgm-2", "p-chen", "p-svp-com", "p-fin-2", List.of("p-gpgm-2")),
            new Deal("Orion lupus research", "Orion Immunology", "ORN-SLE", "RESEARCH", "DISCOVERY", "STANDARD", "p-ptl-3", null, "p-svp-imm", "p-fin-2", List.of()),
            new Deal("Pavo Parkinson's imaging", "Pavo Imaging", "PAV-PET", "RESEARCH", "EARLY", "STANDARD", "p-ptl-5", null, "p-svp-neu", "p-fin-1", List.of()),
            new Deal("Reticulum CAR-T manufacturing", "Reticulum Cell", "RTC-CAR", "CO_DEVELOPMENT", "EARLY", "STANDARD", "p-ptl-2", "p-ana", "p-svp-onc", "p-fin-1", List.of()),
            new Deal("Sagitta psoriasis license", "Sagitta Bio", "SGT-IL17", "LICENSE", "LATE", "STANDARD", "p-ptl-4", null, "p-svp-imm", "p-fin-2", List.of()),
            new Deal("Taurus Japan distribution", "Taurus KK", "CYG-TYK2", "CO_COMMERCIALIZATION", "COMMERCIAL", "STANDARD", "p-gpgm-1", "p-ben", "p-svp-com", "p-fin-2", List.of()),
            new Deal("Vela depression research", "Vela Neuro", "VEL-5HT", "RESEARCH", "DISCOVERY", "STANDARD", "p-ptl-6", null, "p-svp-neu", "p-fin-1", List.of()),
            new Deal("Antlia assay license", "Antlia Labs", "ANT-ASSAY", "LICENSE", "EARLY", "LOW_TOUCH", "p-ptl-2", null, null, "p-fin-1", List.of()),
            new Deal("Caelum antibody library", "Caelum AB", "CAE-LIB", "LICENSE", "DISCOVERY", "LOW_TOUCH", "p-ptl-3", null, null, "p-fin-2", List.of()),
            new Deal("Dorado formulation", "Dorado Pharma", "DOR-FORM", "LICENSE", "LATE", "LOW_TOUCH", "p-ptl-4", null, null, "p-fin-2", List.of()),
            new Deal("Equuleus real-world data", "Equuleus Health", "EQU-RWD", "RESEARCH", "COMMERCIAL", "LOW_TOUCH", "p-gpgm-2", null, null, "p-fin-2", List.of()),
            new Deal("Fenix peptide screening", "Fenix Peptides", "FNX-PEP", "RESEARCH", "DISCOVERY", "LOW_TOUCH", "p-ptl-6", null, null, "p-fin-1", List.of()),
            new Deal("Grus digital therapeutics", "Grus Digital", "GRS-DTX", "LICENSE", "EARLY", "LOW_TOUCH", "p-ptl-5", null, null, "p-fin-1", List.of()));

    private final PlatformClient client;
    private final Path outDir;
    private final String gateway;
    private final Path keys;
    private final String identityProvider;

    DemoPortfolio(PlatformClient client, Path outDir, String gateway, Path keys, String identityProvider) {
        this.client = client;
        this.outDir = outDir;
        this.gateway = gateway;
        this.keys = keys;
        this.identityProvider = identityProvider;
    }

    public static void main(String[] args) throws IOException {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        Path keys = Path.of(args.length > 1 ? args[1] : ".windshift/keys");
        Path out = Path.of(args.length > 2 ? args[2] : ".windshift/demo");
        String identityProvider = args.length > 3 ? args[3] : "http://localhost:8084";
        new DemoPortfolio(new PlatformClient(gateway, keys), out, gateway, keys, identityProvider).run();
    }

    void run() throws IOException {
        String admin = client.personToken("p-head", "HEAD_OF_ALLIANCE_MANAGEMENT");
        String workday = client.clientToken("workday", "hr.events:write");
        var existing = client.get("/api/v1/alliances?stage=LATE", admin);
        if (existing.statusCode() == 200 && existing.body().contains("Helios HLX-201 co-development")) {
            System.out.println("The demo portfolio is already loaded.");
        } else {
            load(admin, workday);
        }
        Files.createDirectories(outDir);
        Path reorg = outDir.resolve("reorg.json");
        String reorgId = "demo-reorg-" + System.currentTimeMillis();
        Files.writeString(reorg, reorgEvent(reorgId));
        printNextSteps(reorg, reorgId);
        DemoSignIns.set(identityProvider, keys, outDir, gateway + "/console/");
    }

    private void load(String admin, String workday) {
        StringJoiner hires = new StringJoiner(",", "[", "]");
        for (Person p : PEOPLE) {
            hires.add("""
                    {"specversion":"1.0","id":"demo-hire-%s","source":"/workday","type":"hr.worker.hired","subject":%s,
                     "data":{"personId":%s,"name":%s,"email":%s,"orgUnitId":%s,"managerId":%s,"effectiveDate":"2024-01-08"}}"""
                    .formatted(p.id(), q(p.id()), q(p.id()), q(p.name()), q(p.id().substring(2) + "@windshift.example"), q(p.orgUnit()), q(p.manager())));
        }
        client.postOk("/api/v1/hr/events", workday, BATCH, hires.toString());
        System.out.printf("Hired %d people (HR batch through the gateway)%n", PEOPLE.size());
        List<String> ids = new ArrayList<>();
        for (Deal deal : DEALS) {
            String response = client.postOk("/api/v1/alliances", admin, "application/json", allianceJson(deal)).body();
            ids.add(response.substring(response.indexOf("\"id\":\"") + 6, response.indexOf('"', response.indexOf("\"id\":\"") + 6)));
        }
        System.out.printf("Registered %d alliances (9 STRATEGIC, 10 STANDARD, 6 LOW_TOUCH)%n", DEALS.size());
        DemoObligations.load(client, admin, DEALS, ids);
    }

    static String allianceJson(Deal d) {
        StringJoiner team = new StringJoiner(",", "[", "]");
        team.add(seat("PARTNERSHIP_LEAD", d.lead()));
        if (d.am() != null) {
            team.add(seat("ALLIANCE_MANAGER", d.am()));
        }
        if (d.sponsor() != null) {
            team.add(seat("EXECUTIVE_SPONSOR", d.sponsor()));
        }
        team.add(seat("FINANCE_LEAD", d.finance()));
        if (d.tier().equals("STRATEGIC")) {
            team.add(seat("LEGAL", "p-legal-1"));
        }
        String governance = d.jsc().isEmpty() ? "[]" : """
                [{"code":"JSC","name":"Joint steering committee","memberIds":[%s],"partnerContacts":["alliance.office@%s.example"],
                  "cadence":"QUARTERLY","nextMeeting":"%s"}]""".formatted(String.join(",", d.jsc().stream().map(PlatformClient::q).toList()),
                d.partner().split(" ")[0].toLowerCase(), LocalDate.now().plusDays(45));
        String agreements = d.tier().equals("LOW_TOUCH") ? "[]" : """
                [{"agreementId":"agr-%s","title":"Collaboration and license agreement","noticeClauses":[
                  {"clauseRef":"4.2","seat":"ALLIANCE_MANAGER","noticeDays":14},
                  {"clauseRef":"4.3","seat":"EXECUTIVE_SPONSOR","noticeDays":30},
                  {"clauseRef":"5.1","seat":"GOVERNANCE_MEMBER","noticeDays":10}]}]""".formatted(d.asset().toLowerCase());
        return """
                {"name":%s,"partner":%s,"asset":%s,"type":"%s","stage":"%s","tier":"%s","team":%s,"governanceBodies":%s,"agreements":%s}"""
                .formatted(q(d.name()), q(d.partner()), q(d.asset()), d.type(), d.stage(), d.tier(), team, governance, agreements);
    }

    private static String seat(String role, String person) {
        return "{\"role\":\"" + role + "\",\"personId\":" + q(person) + "}";
    }

    /** Ben Okafor (alliance manager of three STRATEGIC alliances) and the immunology sponsor leave; six people move. */
    static String reorgEvent(String id) {
        return """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.org.reorganized","subject":"R-2026-Q4",
                 "data":{"reorgId":"R-2026-Q4","name":"Portfolio realignment Q4","effectiveDate":"%s",
                  "movedWorkers":[{"personId":"p-ptl-3","toOrgUnitId":"ou-oncology","newManagerId":"p-svp-onc"},
                                  {"personId":"p-ptl-4","toOrgUnitId":"ou-oncology","newManagerId":"p-svp-onc"},
                                  {"personId":"p-fin-2","toOrgUnitId":"ou-finance-ops","newManagerId":"p-cfo"},
                                  {"personId":"p-gpgm-1","toOrgUnitId":"ou-commercial-eu","newManagerId":"p-svp-com"},
                                  {"personId":"p-ptl-6","toOrgUnitId":"ou-neuroscience-2","newManagerId":"p-svp-neu"},
                                  {"personId":"p-cmo","toOrgUnitId":"ou-medical-affairs","newManagerId":"p-cbo"}],
                  "departedWorkers":[{"personId":"p-ben"},{"personId":"p-svp-imm"}]}}
                """.formatted(id, LocalDate.now());
    }

    private static void printNextSteps(Path reorg, String reorgId) {
        System.out.println("""

                Try next (tokens from ./windshift token):
                  HR=$(./windshift token --client workday --scopes hr.events:write)
                  HEAD=$(./windshift token --sub p-head --roles HEAD_OF_ALLIANCE_MANAGEMENT)
                  ANA=$(./windshift token --sub p-ana --roles ALLIANCE_MANAGER)

                  # the portfolio: who leads what, manager load against capacity
                  curl -s localhost:8080/api/v1/portfolio/manager-load -H "Authorization: Bearer $HEAD"
                  curl -s 'localhost:8080/api/v1/alliances?tier=STRATEGIC' -H "Authorization: Bearer $HEAD"

                  # post a reorg: Ben Okafor (3 STRATEGIC alliances) and the immunology sponsor leave, six people move
                  curl -s -X POST localhost:8080/api/v1/hr/events -H "Authorization: Bearer $HR" \\
                       -H 'Content-Type: application/cloudevents+json' --data @%s

                  # what the reorg affected, and what to do about it
                  curl -s 'localhost:8080/api/v1/impacts?triggerEventId=%s' -H "Authorization: Bearer $HEAD"
                  curl -s localhost:8080/api/v1/portfolio/vacant-roles -H "Authorization: Bearer $HEAD"

                  # one notification per person for the reorg, listing all of their affected alliances
                  curl -s localhost:8080/api/v1/notifications -H "Authorization: Bearer $HEAD"
                  curl -s localhost:8080/api/v1/notifications -H "Authorization: Bearer $ANA"
                """.formatted(reorg, reorgId));
    }
}
