package io.windshift.local.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Where a benchmark's figures go: stdout and a table row in {@code docs/benchmarks.md}, with the machine and the date. */
public final class BenchReport {

    private BenchReport() {
    }

    /** "2 cores, AMD EPYC ..., 24 GiB, JDK 25.0.3". */
    public static String machine() {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep what we know
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + Math.round(memKb / 1024.0 / 1024.0) + " GiB, JDK "
                + System.getProperty("java.version");
    }

    public static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    /** Resident memory of a local platform process, from its pid file, in MB (0 if unknown). */
    public static long rssMb(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).strip();
            return Files.readAllLines(Path.of("/proc", pid, "status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /**
     * Appends a row to the table under {@code heading} in the results file, creating the section (with the
     * header row) if it is missing.
     */
    public static void appendRow(Path file, String heading, List<String> columns, List<String> row) throws IOException {
        String content = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\nFigures measured on this project's own machines; each row says where and when.\n";
        String header = "| " + String.join(" | ", columns) + " |\n|" + "---|".repeat(columns.size()) + "\n";
        String line = "| " + String.join(" | ", row) + " |\n";
        int at = content.indexOf("\n" + heading + "\n");
        if (at < 0) {
            content = content.stripTrailing() + "\n\n" + heading + "\n\n" + header + line;
        } else {
            int tableStart = content.indexOf("\n|", at + heading.length() + 1);
            int sectionEnd = content.indexOf("\n## ", at + heading.length() + 1);
            if (tableStart < 0 || (sectionEnd >= 0 && tableStart > sectionEnd)) {
                int insert = sectionEnd < 0 ? content.length() : sectionEnd;
                content = content.substring(0, insert).stripTrailing() + "\n\n" + header + line + content.substring(insert);
            } else {
                int end = tableStart + 1;
                while (end < content.length() && content.startsWith("|", end)) {
                    end = content.indexOf('\n', end) + 1;
                    if (end == 0) {
                        end = content.length();
                    }
                }
                content = content.substring(0, end) + line + content.substring(end);
            }
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
