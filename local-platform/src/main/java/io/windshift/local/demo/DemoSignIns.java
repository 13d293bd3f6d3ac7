package io.windshift.local.demo;

import io.windshift.local.LocalIdentity;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The demo people's local sign-in: a password each (generated once, kept in {@code .windshift/demo/sign-ins.properties},
 * owner-only) and their roles, the local mapping, set at the identity provider through its admin endpoint.
 */
final class DemoSignIns {

    /** The local role mapping of the demo: person id to the token roles the services check. Everyone else: EMPLOYEE. */
    static final Map<String, List<String>> ROLES = Map.of(
            "p-head", List.of("HEAD_OF_ALLIANCE_MANAGEMENT"),
            "p-cbo", List.of("ALLIANCE_ADMIN"),
            "p-ana", List.of("ALLIANCE_MANAGER"),
            "p-ben", List.of("ALLIANCE_MANAGER"),
            "p-chen", List.of("ALLIANCE_MANAGER"),
            "p-fin-1", List.of("FINANCE_LEAD", "FINANCE"),
            "p-fin-2", List.of("FINANCE_LEAD", "FINANCE"),
            "p-cfo", List.of("FINANCE_LEAD", "FINANCE"));

    /** Who the printout suggests trying first. */
    static final List<String> HIGHLIGHTED = List.of("p-ana", "p-chen", "p-head", "p-fin-1", "p-cbo");

    private DemoSignIns() {
    }

    static List<String> roles(String personId) {
        return ROLES.getOrDefault(personId, List.of("EMPLOYEE"));
    }

    /** Sets every demo person's password and roles; prints how to sign in. Returns false if the provider is not reachable. */
    static boolean set(String identityProvider, Path keys, Path outDir, String consoleUrl) {
        Properties passwords = load(outDir.resolve("sign-ins.properties"));
        try {
            for (DemoPortfolio.Person person : DemoPortfolio.PEOPLE) {
                String password = passwords.getProperty(person.id());
                if (password == null) {
                    password = LocalIdentity.newPassword();
                    passwords.setProperty(person.id(), password);
                }
                LocalIdentity.setPerson(identityProvider, keys, person.id(), person.name(), email(person), password, roles(person.id()));
            }
        } catch (RuntimeException e) {
            System.out.println("Sign-in passwords not set: " + e.getMessage());
            return false;
        }
        save(outDir.resolve("sign-ins.properties"), passwords);
        System.out.printf("%nSign in to the console at %s as any demo person (person id or email, and password):%n", consoleUrl);
        for (String id : HIGHLIGHTED) {
            DemoPortfolio.Person person = DemoPortfolio.PEOPLE.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
            System.out.printf("  %-9s %-18s %-30s password %s%n", id, person.name(), String.join(",", roles(id)), passwords.getProperty(id));
        }
        System.out.printf("  (all %d people's passwords: %s)%n", DemoPortfolio.PEOPLE.size(), outDir.resolve("sign-ins.properties"));
        return true;
    }

    static String email(DemoPortfolio.Person person) {
        return person.id().substring(2) + "@windshift.example";
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void save(Path file, Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "Local demo sign-ins (person id = password); ./windshift demo sets them at the identity provider");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
