package io.windshift.local.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;

/**
 * The anchors, against the platform's own broker and store: Kafka's {@code ProducerPerformance} (1 KB records,
 * acks=all) and {@code EndToEndLatency} from the kafka-tools jar, and a plain driver loop of inserts and finds by
 * {@code _id} on the Mongo-wire store. Usage: {@code AnchorBenchmark ROOT KAFKA MONGO_URI}; sizes
 * {@code -Danchors.records=200000 -Danchors.latency-records=5000 -Danchors.mongo-ops=20000}.
 */
public final class AnchorBenchmark {

    private AnchorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String kafka = args[1];
        String mongoUri = args[2];
        int records = Integer.getInteger("anchors.records", 200_000);
        int latencyRecords = Integer.getInteger("anchors.latency-records", 5_000);
        int mongoOps = Integer.getInteger("anchors.mongo-ops", 20_000);
        String classpath = root.resolve("local-kafka/target/lib") + "/*";
        String topic = "bench.anchor." + Long.toString(System.currentTimeMillis(), 36);

        // The platform's broker does not create topics on first use: 12 partitions like the platform's topics, and one
        // for EndToEndLatency, which reads a single partition.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1), new NewTopic(topic + ".latency", 1, (short) 1))).all()
                    .get(60, TimeUnit.SECONDS);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        String producer = tool(classpath, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                Integer.toString(records), "--record-size", "1024", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + kafka,
                "acks=all");
        producerRate(producer).ifPresent(v -> figures.put("producer_rps", v));
        String latency = tool(classpath, "org.apache.kafka.tools.EndToEndLatency", kafka, topic + ".latency", Integer.toString(latencyRecords),
                "all", "1024");
        endToEndPercentile(latency, "50th").ifPresent(v -> figures.put("e2e_p50_ms", v));
        endToEndPercentile(latency, "99th").ifPresent(v -> figures.put("e2e_p99_ms", v));
        mongo(mongoUri, mongoOps, figures);
        figures.forEach((k, v) -> System.out.printf("  %-20s %,12.1f%n", k, v));
        boolean complete = figures.keySet().containsAll(List.of("producer_rps", "e2e_p99_ms", "mongo_insert_ops", "mongo_find_ops"));
        BenchResult.print("anchors", complete, figures);
    }

    /** One acknowledged insert, then one find by {@code _id}, per operation: what a service does at best per write or read. */
    static void mongo(String uri, int ops, Map<String, Double> figures) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> collection = client.getDatabase("windshift-bench").getCollection("anchor");
            collection.drop();
            String padding = "x".repeat(300); // about the size of a small aggregate
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                collection.insertOne(new Document("_id", "d" + i).append("n", i).append("payload", padding));
            }
            figures.put("mongo_insert_ops", ops / ((System.nanoTime() - t0) / 1e9));
            int found = 0;
            t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                found += collection.find(Filters.eq("_id", "d" + ((i * 7919L) % ops))).first() == null ? 0 : 1;
            }
            double findOps = ops / ((System.nanoTime() - t0) / 1e9);
            if (found == ops) {
                figures.put("mongo_find_ops", findOps);
            }
            collection.drop();
        }
    }

    static Optional<Double> producerRate(String output) {
        // The summary: "200000 records sent, 123456.7 records/sec (120.56 MB/sec), ..."
        Matcher m = Pattern.compile("\\d+ records sent, ([0-9.]+) records/sec").matcher(output);
        Double last = null;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return Optional.ofNullable(last);
    }

    static Optional<Double> endToEndPercentile(String output, String which) {
        // "Percentiles: 50th = 1, 99th = 3, 99.9th = 9"
        Matcher m = Pattern.compile(Pattern.quote(which) + " = ([0-9.]+)").matcher(output);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** Runs a Kafka tool in its own JVM; returns its output, or "" if it failed or ran over five minutes. */
    private static String tool(String classpath, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlog4j2.level=WARN", "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        System.out.println("$ " + mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args));
        Path output = Files.createTempFile("windshift-anchor", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                System.out.println("  timed out after 5 minutes");
                return "";
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            List<String> summary = out.lines().filter(l -> !l.matches("\\d+\\t.*") && !l.contains(" WARN ")).toList();
            summary.subList(Math.max(0, summary.size() - 4), summary.size()).forEach(l -> System.out.println("  " + l));
            return process.exitValue() == 0 ? out : "";
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
