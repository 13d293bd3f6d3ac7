package io.windshift.alliance.bench;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import io.windshift.local.store.SnapshotMemoryBackend;
import io.windshift.local.store.ValueOrderedH2Backend;
import io.windshift.alliance.AllianceServiceApplication;
import io.windshift.alliance.impact.ChangeAssessment;
import io.windshift.alliance.impact.ChangeAssessment.PersonChange;
import io.windshift.alliance.people.PeopleDirectory;
import io.windshift.alliance.portfolio.Agreement;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.AllianceProfile;
import io.windshift.alliance.portfolio.AllianceStatus;
import io.windshift.alliance.portfolio.AllianceType;
import io.windshift.alliance.portfolio.GovernanceBody;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.TeamSeat;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.messaging.testing.TestKeys;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A development benchmark (a command, not a test): alliance-service's share of a big reorg, in one JVM with a
 * real KRaft broker and the Mongo-wire store (H2 file by default, as {@code ./windshift up} runs it; memory with
 * {@code -Dbench.store=memory}). Loads the portfolio of {@code ./windshift bench reorg} straight into the
 * service, then times {@link ChangeAssessment#assess} for the reorg and counts the store commands it sent.
 * <pre>mvn -o -q -pl alliance-service -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec [-Dbench.alliances=5000]</pre>
 */
public final class ReorgAssessmentBenchmark {

    static final AtomicLong COMMANDS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int alliances = Integer.getInteger("bench.alliances", 5000);
        int people = Integer.getInteger("bench.people", alliances * 4);
        int moved = Integer.getInteger("bench.moved", 2000);
        int departed = Integer.getInteger("bench.departed", 200);
        String store = System.getProperty("bench.store", "h2");

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 12);
        kafka.afterPropertiesSet();
        Path h2 = Files.createTempDirectory("reorg-bench").resolve("store.mv");
        MongoServer mongo = new MongoServer(store.equals("memory") ? new SnapshotMemoryBackend() : new ValueOrderedH2Backend(h2.toString()));
        InetSocketAddress address = mongo.bind();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AllianceServiceApplication.class)
                .initializers(c -> ((org.springframework.context.support.GenericApplicationContext) c).registerBean(
                        MongoClientSettingsBuilderCustomizer.class, () -> b -> b.addCommandListener(new CommandListener() {
                            @Override
                            public void commandStarted(CommandStartedEvent event) {
                                COMMANDS.incrementAndGet();
                            }
                        })))
                // Command-line arguments: they win over the service defaults (builder properties would not).
                .run("--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                        "--spring.mongodb.uri=mongodb://127.0.0.1:" + address.getPort(), "--management.health.mongodb.enabled=false",
                        "--windshift.security.jwt.public-key-location=" + TestKeys.publicKeyLocation(), "--server.port=0",
                        "--windshift.messaging.partitions=12", "--logging.level.root=WARN", "--logging.level.io.windshift=WARN");
        try {
            PeopleDirectory directory = context.getBean(PeopleDirectory.class);
            AlliancePortfolio portfolio = context.getBean(AlliancePortfolio.class);
            ChangeAssessment assessment = context.getBean(ChangeAssessment.class);
            LocalDate day = LocalDate.parse("2024-01-01");
            long t0 = System.nanoTime();
            List<PeopleDirectory.Hire> hires = new java.util.ArrayList<>();
            for (int i = 0; i < people; i++) {
                hires.add(new PeopleDirectory.Hire("p" + i, "Person " + i, null, "ou-" + (i % 200), "p" + (i / 10), day, "hire-" + i));
            }
            directory.hiredAll(hires);
            long t1 = System.nanoTime();
            Random random = new Random(42);
            int managers = Math.max(1, (int) Math.ceil(alliances * 0.3 / 4));
            int strategic = 0;
            for (int a = 0; a < alliances; a++) {
                Tier tier = a % 10 < 3 ? Tier.STRATEGIC : a % 10 < 8 ? Tier.STANDARD : Tier.LOW_TOUCH;
                String am = tier == Tier.STRATEGIC ? "p" + (strategic++ % managers) : tier == Tier.STANDARD && a % 2 == 0
                        ? "p" + random.nextInt(managers) : null;
                List<TeamSeat> team = new ArrayList<>();
                team.add(new TeamSeat(Role.PARTNERSHIP_LEAD, "p" + (managers + random.nextInt(people - managers))));
                if (am != null) {
                    team.add(new TeamSeat(Role.ALLIANCE_MANAGER, am));
                }
                team.add(new TeamSeat(Role.EXECUTIVE_SPONSOR, "p" + (managers + random.nextInt(200))));
                team.add(new TeamSeat(Role.FINANCE_LEAD, "p" + (managers + 200 + random.nextInt(100))));
                GovernanceBody jsc = new GovernanceBody("JSC", "Joint steering committee", List.of("p" + (managers + random.nextInt(people - managers)),
                        "p" + (managers + random.nextInt(people - managers))), List.of(), "QUARTERLY", null);
                portfolio.register(new AllianceProfile("Alliance " + a, "Partner " + a, "ASSET", AllianceType.LICENSE, Stage.LATE,
                                AllianceStatus.ACTIVE, tier), team, List.of(jsc),
                        List.of(new Agreement("agr", null, List.of(new Agreement.NoticeClause("4.2", Agreement.NoticeSeat.ALLIANCE_MANAGER, 14)))));
            }
            long t2 = System.nanoTime();
            List<Integer> shuffled = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                shuffled.add(i);
            }
            Collections.shuffle(shuffled, random);
            List<PersonChange> changes = new ArrayList<>();
            shuffled.subList(departed, departed + moved).forEach(i -> changes.add(PersonChange.moved("p" + i, "moved to org unit ou-new in reorg")));
            shuffled.subList(0, departed).forEach(i -> changes.add(PersonChange.departed("p" + i, "DEPARTED_IN_REORG")));
            System.gc();
            long commandsBefore = COMMANDS.get();
            long t3 = System.nanoTime();
            int affected = assessment.assess("bench-reorg", "hr.org.reorganized", LocalDate.parse("2026-01-01"), changes);
            long t4 = System.nanoTime();
            long commands = COMMANDS.get() - commandsBefore;
            System.out.printf("store %s; loaded %d people in %.1f s, %d alliances in %.1f s%n", store, people, (t1 - t0) / 1e9, alliances,
                    (t2 - t1) / 1e9);
            System.out.printf("reorg of %d moved and %d departed: %d alliances affected in %.2f s (%.0f alliances/s); %d store commands, %.1f per alliance%n",
                    moved, departed, affected, (t4 - t3) / 1e9, affected / ((t4 - t3) / 1e9), commands, commands / (double) Math.max(1, affected));
            // The machine-readable line ./windshift bench reads (the same shape as local-platform's BenchResult).
            System.out.println(String.format(java.util.Locale.ROOT, "BENCH-RESULT {\"benchmark\":\"assessment\",\"complete\":%b,\"figures\":"
                    + "{\"alliances\":%d,\"affected\":%d,\"assess_s\":%.3f,\"store_commands\":%d}}", affected > 0, alliances, affected,
                    (t4 - t3) / 1e9, commands));
        } finally {
            context.close();
            mongo.shutdownNow();
            kafka.destroy();
        }
    }
}
