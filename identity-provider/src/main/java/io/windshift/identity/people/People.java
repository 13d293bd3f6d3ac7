package io.windshift.identity.people;

import io.windshift.identity.IdentityProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people who may sign in and their roles: the local mapping, kept in {@code <state>/people.json} (owner-only), so it
 * survives a restart of the provider. Written through the admin endpoint ({@code ./windshift demo} does it for the
 * demo people). Small by design: a developer's directory, not a user database.
 */
@Component
public class People implements UserDetailsService {

    private static final TypeReference<List<Person>> LIST = new TypeReference<>() {
    };

    private final Path file;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Person> byId = new LinkedHashMap<>();

    People(IdentityProperties properties) {
        this.file = properties.state().resolve("people.json");
        if (Files.exists(file)) {
            try {
                for (Person person : json.readValue(Files.readString(file), LIST)) {
                    byId.put(person.id(), person);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    public synchronized Optional<Person> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** By person id, or by email (case-insensitive): people may type either on the sign-in page. */
    public synchronized Optional<Person> findByLogin(String login) {
        String typed = login == null ? "" : login.strip();
        Person person = byId.get(typed);
        if (person != null) {
            return Optional.of(person);
        }
        return byId.values().stream().filter(p -> p.email() != null && p.email().equalsIgnoreCase(typed.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    public synchronized void save(Person person) {
        byId.put(person.id(), person);
        write();
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".people", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(List.copyOf(byId.values())));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The signed-in principal's name is the person id, whatever they typed: it becomes the tokens' {@code sub}. */
    @Override
    public UserDetails loadUserByUsername(String login) {
        Person person = findByLogin(login).filter(p -> p.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("unknown person"));
        return User.withUsername(person.id()).password(person.passwordHash())
                .authorities(person.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()).build();
    }
}
