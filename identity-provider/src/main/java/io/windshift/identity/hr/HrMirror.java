package io.windshift.identity.hr;

import io.windshift.identity.IdentityProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's own small mirror of HR: who HR announced and who left (and from when), built from
 * {@code windshift.hr.events} and kept in {@code <state>/hr-mirror.json}, so sign-in decides without asking another
 * service and keeps working while alliance-service or the broker is down. Applying an event twice changes nothing.
 * Changes are written by {@link #flush()}, once per batch of events: the file holds everyone, so writing it per event
 * made loading 20,000 people cost the provider minutes of CPU.
 */
@Component
public class HrMirror {

    private static final TypeReference<Map<String, Worker>> MAP = new TypeReference<>() {
    };

    /**
     * @param leftOn      the day the person leaves (terminated or departed in a reorg), null while they stay
     * @param leftByEvent the HR event that made them leave, so a rescind of it brings them back
     * @param hiredByEvent the HR event that announced them, so a rescind of it forgets them
     */
    public record Worker(String personId, LocalDate leftOn, String leftByEvent, String hiredByEvent) {
    }

    private final Path file;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private boolean dirty;

    HrMirror(IdentityProperties properties) {
        this.file = properties.state().resolve("hr-mirror.json");
        if (Files.exists(file)) {
            try {
                workers.putAll(json.readValue(Files.readString(file), MAP));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** Whether the person may sign in on {@code today}: known to HR and not (yet) left. */
    public synchronized boolean allows(String personId, LocalDate today) {
        Worker worker = workers.get(personId);
        return worker != null && (worker.leftOn() == null || today.isBefore(worker.leftOn()));
    }

    public synchronized void hired(String personId, String eventId) {
        if (personId == null) {
            return;
        }
        Worker held = workers.get(personId);
        if (held == null || held.leftOn() != null) {
            workers.put(personId, new Worker(personId, null, null, eventId));
            dirty = true;
        }
    }

    /** Left from {@code effective} on; a person HR never announced is remembered as left, too. */
    public synchronized void left(String personId, LocalDate effective, String eventId) {
        if (personId == null) {
            return;
        }
        Worker held = workers.get(personId);
        workers.put(personId, new Worker(personId, effective == null ? LocalDate.MIN : effective, eventId, held == null ? null : held.hiredByEvent()));
        dirty = true;
    }

    /** Undoes what {@code eventId} did: a rescinded departure brings the person back, a rescinded hire forgets them. */
    public synchronized void rescinded(String eventId) {
        List<String> forget = new ArrayList<>();
        boolean changed = false;
        for (Map.Entry<String, Worker> e : workers.entrySet()) {
            Worker w = e.getValue();
            if (eventId.equals(w.leftByEvent())) {
                e.setValue(new Worker(w.personId(), null, null, w.hiredByEvent()));
                changed = true;
            } else if (eventId.equals(w.hiredByEvent()) && w.leftOn() == null) {
                forget.add(e.getKey());
            }
        }
        forget.forEach(workers::remove);
        dirty |= changed || !forget.isEmpty();
    }

    /** Writes what changed since the last flush to the file (atomically); the consumer flushes before it commits. */
    public synchronized void flush() {
        if (!dirty) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".hr-mirror", ".tmp");
            Files.writeString(tmp, json.writeValueAsString(workers));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
