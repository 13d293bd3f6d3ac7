package io.windshift.identity.people;

import java.util.List;

/**
 * A person who may sign in locally: the HR person id (the token's {@code sub}), display name, email, the roles of the
 * local mapping, and the password hash (never the password).
 */
public record Person(String id, String name, String email, List<String> roles, String passwordHash) {

    public Person {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
