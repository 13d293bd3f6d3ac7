package io.windshift.contract.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What one consumer reads of each event type, checked against the producer's golden files. Each golden file goes
 * through the consumer's own deserialiser and then {@code event.dataAs(type.payloadType())}, as its listener does;
 * every field the consumer reads must be in the golden file and must decode to the golden value. Fields are written
 * as data paths ({@code personId}, {@code movedWorkers[0].personId}); an envelope attribute as {@code @subject}.
 *
 * <p>{@link #assertEveryFieldIsChecked()} removes each named field from its golden file in turn and expects the check
 * to report it, so a contract test cannot pass vacuously. {@link #assertCovers} compares the declaration with the
 * payload fields the consumer's code actually reads (see {@link PayloadReads}).
 */
public final class ConsumerContract {

    /** One field of a contract record: the record and its component name. */
    public record PayloadField(Class<?> record, String component) implements Comparable<PayloadField> {
        @Override
        public int compareTo(PayloadField other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return record.getSimpleName() + "." + component;
        }
    }

    private final String consumer;
    private final Function<byte[], CloudEvent> deserialiser;
    private final Map<EventType, List<String>> reads = new EnumMap<>(EventType.class);
    private final Map<EventType, List<String>> optional = new EnumMap<>(EventType.class);

    private ConsumerContract(String consumer, Function<byte[], CloudEvent> deserialiser) {
        this.consumer = consumer;
        this.deserialiser = deserialiser;
    }

    /** {@code deserialiser}: what the consumer's Kafka listener turns record bytes into a CloudEvent with. */
    public static ConsumerContract of(String consumer, Function<byte[], CloudEvent> deserialiser) {
        return new ConsumerContract(consumer, deserialiser);
    }

    /** {@code type} is read, and of its payload these fields (at least one). */
    public ConsumerContract reads(EventType type, String... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException(type + ": name the fields " + consumer + " reads");
        }
        if (reads.put(type, List.of(fields)) != null) {
            throw new IllegalArgumentException(type + " declared twice for " + consumer);
        }
        return this;
    }

    /**
     * Optional fields of {@code type} the consumer reads when they are there (it copes with their absence): checked
     * against the golden file when it carries them, not required, and left out of the negative check.
     */
    public ConsumerContract readsIfPresent(EventType type, String... fields) {
        if (!reads.containsKey(type)) {
            throw new IllegalArgumentException(type + ": declare the fields " + consumer + " needs first");
        }
        optional.put(type, List.of(fields));
        return this;
    }

    public Set<EventType> types() {
        return reads.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(reads.keySet());
    }

    public List<String> fields(EventType type) {
        return reads.getOrDefault(type, List.of());
    }

    /** What is wrong with {@code json} (a CloudEvent of {@code type}) for this consumer: empty when it reads all it needs. */
    public List<String> problems(EventType type, byte[] json) {
        List<String> problems = new ArrayList<>();
        JsonNode golden = EventJson.mapper().readTree(json);
        CloudEvent event = null;
        Object payload = null;
        try {
            event = deserialiser.apply(json);
            if (!type.wireName().equals(event.type()) || event.knownType().orElse(null) != type) {
                problems.add(type.wireName() + ": the event says type '" + event.type() + "'");
            }
            payload = event.dataAs(type.payloadType());
        } catch (RuntimeException e) {
            problems.add(type.wireName() + ": " + consumer + " cannot decode it: " + e);
        }
        List<String> all = new ArrayList<>(fields(type));
        all.addAll(optional.getOrDefault(type, List.of()));
        for (String field : all) {
            boolean attribute = field.startsWith("@");
            GoldenFiles.FieldPath path = GoldenFiles.FieldPath.parse(attribute ? field.substring(1) : field);
            JsonNode expected = path.resolve(attribute ? golden : golden.path("data"));
            if (expected.isMissingNode() || expected.isNull()) {
                if (!fields(type).contains(field)) {
                    continue;
                }
                problems.add(type.wireName() + ": " + (attribute ? "attribute " : "data.") + path + " is missing from the golden file, "
                        + consumer + " reads it");
                continue;
            }
            Object source = attribute ? event : payload;
            if (source == null) {
                continue;
            }
            try {
                JsonNode actual = normalised(valueAt(source, path));
                if (!normalised(expected).equals(actual)) {
                    problems.add(type.wireName() + ": " + field + " decodes as " + actual + ", the golden file has " + expected);
                }
            } catch (RuntimeException e) {
                problems.add(type.wireName() + ": " + consumer + " cannot read " + field + ": " + e);
            }
        }
        return problems;
    }

    /** Every declared type's golden file has every field this consumer reads, with the value the producer wrote. */
    public void assertGoldenFilesSatisfyIt() {
        assertThat(reads).as("%s declares what it reads", consumer).isNotEmpty();
        List<String> problems = new ArrayList<>();
        reads.keySet().forEach(type -> problems.addAll(problems(type, GoldenFiles.bytes(type))));
        assertThat(problems).as("%s against the producer's golden files", consumer).isEmpty();
    }

    /**
     * The negative check: each field this consumer reads, removed from its golden file, is reported by name. A
     * declaration whose check could not fail (a field the golden file does not have, a typo) fails here.
     */
    public void assertEveryFieldIsChecked() {
        List<String> unnoticed = new ArrayList<>();
        reads.forEach((type, fields) -> {
            for (String field : fields) {
                List<String> problems = problems(type, GoldenFiles.withoutField(type, field));
                String name = field.startsWith("@") ? field.substring(1) : field;
                if (problems.stream().noneMatch(p -> p.contains(name))) {
                    unnoticed.add(type.wireName() + " without " + field + ": " + problems);
                }
            }
        });
        assertThat(unnoticed).as("fields removed from golden files that %s's check did not report", consumer).isEmpty();
    }

    /** The contract-record fields this declaration checks (each step of each path). */
    public Set<PayloadField> covered() {
        Set<PayloadField> covered = new TreeSet<>();
        Map<EventType, List<String>> declared = new EnumMap<>(reads);
        optional.forEach((type, fields) -> declared.merge(type, fields, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        declared.forEach((type, fields) -> fields.stream().filter(f -> !f.startsWith("@")).forEach(field -> {
            Type current = type.payloadType();
            for (Object step : GoldenFiles.FieldPath.parse(field).steps()) {
                Class<?> raw = raw(current);
                if (step instanceof Integer) {
                    current = ((ParameterizedType) current).getActualTypeArguments()[0];
                    continue;
                }
                RecordComponent component = component(raw, (String) step);
                covered.add(new PayloadField(raw, component.getName()));
                current = component.getGenericType();
            }
        }));
        return covered;
    }

    /**
     * Every payload field the consumer's code reads ({@code read}, derived from its classes by {@link PayloadReads})
     * is checked by this declaration, and every payload record it decodes belongs to a declared type.
     */
    public void assertCovers(PayloadReads read) {
        Map<PayloadField, Set<String>> unchecked = new java.util.TreeMap<>(read.readers());
        unchecked.keySet().removeAll(covered());
        assertThat(unchecked).as("payload fields %s reads in code but does not check against golden files", consumer).isEmpty();
        Set<Class<?>> declared = new LinkedHashSet<>();
        reads.keySet().forEach(t -> declared.add(t.payloadType()));
        assertThat(declared).as("payload records %s decodes", consumer).containsAll(read.records());
    }

    private static Object valueAt(Object source, GoldenFiles.FieldPath path) {
        Object value = source;
        for (Object step : path.steps()) {
            if (value == null) {
                return null;
            }
            if (step instanceof Integer index) {
                List<?> list = (List<?>) value;
                value = index < list.size() ? list.get(index) : null;
            } else {
                try {
                    value = component(value.getClass(), (String) step).getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return value;
    }

    private static RecordComponent component(Class<?> record, String name) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record.getName() + " is not a record, it has no field " + name);
        }
        return Arrays.stream(record.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(record.getSimpleName() + " has no field " + name));
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static JsonNode normalised(Object value) {
        return EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(value));
    }
}
