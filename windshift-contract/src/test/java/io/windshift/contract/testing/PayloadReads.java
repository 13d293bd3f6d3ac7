package io.windshift.contract.testing;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.windshift.contract.EventType;
import java.lang.annotation.Annotation;
import io.windshift.contract.testing.ConsumerContract.PayloadField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The payload fields a consumer's code reads, found in its bytecode: calls and method references to the record
 * accessors of contract payloads ({@code io.windshift.contract.<domain>.*}), from a service's classes (lambdas and
 * nested classes included). Compared with a {@link ConsumerContract} by {@link ConsumerContract#assertCovers}, so a field or
 * type a listener starts reading without a contract check fails its service's contract test.
 */
public record PayloadReads(Map<PayloadField, Set<String>> readers, Set<Class<?>> records) {

    private static final String CONTRACT = "io.windshift.contract";

    /**
     * What a service's main code ({@code servicePackage} and below: its listeners and every class they hand a payload
     * to) reads of contract payloads.
     */
    public static PayloadReads inPackage(String servicePackage) {
        return inPackage(servicePackage, new String[0]);
    }

    /**
     * As {@link #inPackage(String)}, leaving out {@code producers} (fully qualified class names; a name that is not a
     * class of the service fails): classes that read the payloads the service itself builds for publishing.
     */
    public static PayloadReads inPackage(String servicePackage, String... producers) {
        JavaClasses all = classes(servicePackage);
        Arrays.stream(producers).filter(p -> !all.contain(p)).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException("no class " + p + " in " + servicePackage);
        });
        List<JavaClass> consumers = new ArrayList<>();
        for (JavaClass javaClass : all) {
            if (Arrays.stream(producers).noneMatch(p -> javaClass.getName().equals(p) || javaClass.getName().startsWith(p + "$"))) {
                consumers.add(javaClass);
            }
        }
        return of(consumers);
    }

    /** The payload fields read, each once. */
    public Set<PayloadField> fields() {
        return readers.keySet();
    }

    /** The topics of the listener methods of {@code servicePackage}: methods annotated {@code listener} (its {@code topics}). */
    public static Set<String> listenedTopics(String servicePackage, Class<? extends Annotation> listener) {
        Set<String> topics = new TreeSet<>();
        for (JavaClass javaClass : classes(servicePackage)) {
            for (JavaMethod method : javaClass.getMethods()) {
                if (method.isAnnotatedWith(listener)) {
                    Annotation annotation = method.reflect().getAnnotation(listener);
                    try {
                        topics.addAll(Arrays.asList((String[]) listener.getMethod("topics").invoke(annotation)));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return topics;
    }

    private static JavaClasses classes(String servicePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(servicePackage);
    }

    private static PayloadReads of(Iterable<JavaClass> classes) {
        Map<PayloadField, Set<String>> fields = new TreeMap<>();
        Set<Class<?>> records = new TreeSet<>(java.util.Comparator.comparing(Class::getName));
        for (JavaClass javaClass : classes) {
            Stream.concat(javaClass.getMethodCallsFromSelf().stream().map(call -> call.getTarget()),
                            javaClass.getMethodReferencesFromSelf().stream().map(ref -> ref.getTarget()))
                    .forEach(target -> accessor(target, fields, javaClass.getName()));
            javaClass.getReferencedClassObjects().forEach(ref -> {
                if (isPayloadRecord(ref.getRawType())) {
                    records.add(ref.getRawType().reflect());
                }
            });
        }
        fields.keySet().stream().map(PayloadField::record).filter(PayloadReads::isTopLevelPayload).forEach(records::add);
        return new PayloadReads(fields, records);
    }

    private static void accessor(AccessTarget.CodeUnitAccessTarget target, Map<PayloadField, Set<String>> fields, String reader) {
        JavaClass owner = target.getOwner();
        if (!isPayloadRecord(owner) || !target.getRawParameterTypes().isEmpty()) {
            return;
        }
        Class<?> record = owner.reflect();
        if (Arrays.stream(record.getRecordComponents()).anyMatch(c -> c.getName().equals(target.getName()))) {
            fields.computeIfAbsent(new PayloadField(record, target.getName()), f -> new TreeSet<>()).add(reader);
        }
    }

    private static boolean isPayloadRecord(JavaClass owner) {
        return owner.getPackageName().startsWith(CONTRACT + ".") && owner.isRecord();
    }

    static boolean isTopLevelPayload(Class<?> record) {
        return Arrays.stream(EventType.values()).anyMatch(t -> t.payloadType() == record);
    }
}
