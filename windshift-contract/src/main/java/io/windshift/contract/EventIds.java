package io.windshift.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Event ids. Derived ids are deterministic so that reprocessing a trigger yields the same ids. */
public final class EventIds {

    private EventIds() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** The same parts always give the same id; different parts give different ids. */
    public static String derived(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
