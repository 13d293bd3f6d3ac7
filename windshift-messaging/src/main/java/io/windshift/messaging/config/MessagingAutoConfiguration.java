package io.windshift.messaging.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.messaging.consume.CloudEventDeserializer;
import io.windshift.messaging.consume.DeadLetterReason;
import io.windshift.messaging.consume.DeadLetterValueSerializer;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.MalformedEventException;
import io.windshift.messaging.consume.PoisonEventException;
import io.windshift.messaging.consume.ProcessedEvents;
import io.windshift.messaging.outbox.Outbox;
import io.windshift.messaging.outbox.OutboxRelay;
import io.windshift.messaging.outbox.OutboxSweeper;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.IntakePublisher;
import io.windshift.messaging.retention.RetentionSweeper;
import io.windshift.messaging.retention.RetentionTask;
import io.windshift.messaging.store.Leases;
import io.windshift.messaging.trace.EventAcceptances;
import io.windshift.messaging.trace.TraceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The reliable-messaging defaults every Windshift service gets by depending on this module: idempotent
 * producer, outbox relay and sweep, CloudEvent consumers behind an error-handling deserializer, bounded
 * retries then a dead-letter topic, idempotent consumption, topics with their dead-letter twins.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Header on every dead letter: why it could not be applied. */
    public static final String DEAD_LETTER_REASON = DeadLetterReason.HEADER;

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${windshift.clock.shiftable:false}") boolean shiftable, ObjectProvider<MongoTemplate> mongo) {
        // Shiftable only where a driver moves time on purpose (the local platform's chaos run); the system clock otherwise.
        return shiftable ? new io.windshift.messaging.time.StoreShiftedClock(mongo.getObject(), 500) : Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    TraceContext traceContext(ObjectProvider<Tracer> tracer) {
        return new TraceContext(tracer.getIfAvailable());
    }

    @Bean
    KafkaTemplate<String, String> kafkaTemplate(KafkaProperties kafka, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // Nothing is acknowledged to a caller before every in-sync replica has it; retries keep order.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(config);
        factory.addListener(new org.springframework.kafka.core.MicrometerProducerListener<>(meters));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, String> kafkaTemplate, MessagingProperties properties) {
        return new EventPublisher(kafkaTemplate, properties.ackTimeout());
    }

    /** HR and finance intake: a request's events in one transaction, refused at once while the broker is away. */
    @Bean
    @ConditionalOnProperty(name = "windshift.messaging.intake.enabled")
    IntakePublisher intakePublisher(KafkaProperties kafka, MessagingProperties properties,
                                    @Value("${spring.application.name:windshift}") String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Unique per process: two instances must never fence each other's transactions.
        String prefix = application + "-intake-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        MessagingProperties.Intake intake = properties.intake();
        return new IntakePublisher(config, prefix, intake.respondWithin(), intake.maxBlock(), intake.retryAfter(), intake.transactionTimeout());
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, EventPublisher publisher, Clock clock, MessagingProperties properties,
                            MeterRegistry meters, @Value("${spring.application.name:windshift}") String application) {
        String instanceId = application + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new OutboxRelay(mongo, publisher, clock, properties.sweepGrace(), properties.sweepLease(), instanceId, meters);
    }

    @Bean
    static io.windshift.messaging.store.VersionedSaveIndexes versionedSaveIndexes(
            org.springframework.beans.factory.ObjectProvider<MongoTemplate> mongo) {
        return new io.windshift.messaging.store.VersionedSaveIndexes(mongo);
    }

    @Bean
    Outbox outbox(MongoTemplate mongo, OutboxRelay relay) {
        return new Outbox(mongo, relay);
    }

    @Bean
    @ConditionalOnProperty(name = "windshift.messaging.sweep-enabled", matchIfMissing = true)
    OutboxSweeper outboxSweeper(OutboxRelay relay, MessagingProperties properties) {
        return new OutboxSweeper(relay, properties.sweepInterval());
    }

    @Bean
    ProcessedEvents processedEvents(MongoTemplate mongo, Clock clock, MessagingProperties properties) {
        return new ProcessedEvents(mongo, clock, properties.processedRetention());
    }

    /** Trims what services keep only for a while (every {@link RetentionTask} bean), one instance at a time. */
    @Bean
    @ConditionalOnProperty(name = "windshift.messaging.retention-enabled", matchIfMissing = true)
    RetentionSweeper retentionSweeper(List<RetentionTask> tasks, MongoTemplate mongo, Clock clock, MessagingProperties properties,
                                      @Value("${spring.application.name:windshift}") String application) {
        String instanceId = application + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new RetentionSweeper(tasks, new Leases(mongo, RetentionSweeper.LEASES, clock, instanceId), clock,
                properties.retentionInterval());
    }

    /** The first line of a posted event's trace (written by the intakes, read by the trace). */
    @Bean
    EventAcceptances eventAcceptances(MongoTemplate mongo, Clock clock, MessagingProperties properties,
                                      @Value("${spring.application.name:windshift}") String application) {
        return new EventAcceptances(mongo, clock, application, properties.processedRetention());
    }

    @Bean
    IdempotentConsumer idempotentConsumer(ProcessedEvents processedEvents, MeterRegistry meters, TraceContext traceContext) {
        return new IdempotentConsumer(processedEvents, meters, traceContext);
    }

    @Bean
    ConsumerFactory<String, CloudEvent> cloudEventConsumerFactory(KafkaProperties kafka, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, CloudEventDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Intake batches are Kafka transactions: a batch that was not committed must never be applied.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        DefaultKafkaConsumerFactory<String, CloudEvent> factory = new DefaultKafkaConsumerFactory<>(config);
        // Kafka's client metrics (records-lag-max per partition, fetch rates) on /actuator/prometheus.
        factory.addListener(new org.springframework.kafka.core.MicrometerConsumerListener<>(meters));
        return factory;
    }

    @Bean
    DefaultErrorHandler windshiftErrorHandler(KafkaProperties kafka, MessagingProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DeadLetterValueSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaTemplate<Object, Object> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        // Same partition as the source: the dead-letter topic is created with as many partitions.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        // The most specific cause, readable by people triaging the dead-letter topic.
        recoverer.setHeadersFunction((record, exception) -> {
            org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add(DEAD_LETTER_REASON, DeadLetterReason.of(exception).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return headers;
        });
        MessagingProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, PoisonEventException.class,
                jakarta.validation.ValidationException.class, IllegalArgumentException.class);
        return handler;
    }

    @Bean(name = "kafkaListenerContainerFactory")
    ConcurrentKafkaListenerContainerFactory<String, CloudEvent> kafkaListenerContainerFactory(
            ConsumerFactory<String, CloudEvent> cloudEventConsumerFactory, DefaultErrorHandler windshiftErrorHandler,
            MessagingProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, CloudEvent> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(cloudEventConsumerFactory);
        factory.setCommonErrorHandler(windshiftErrorHandler);
        factory.setConcurrency(properties.listenerConcurrency());
        // Continues the trace carried in the record's traceparent header: one trace id per request.
        factory.getContainerProperties().setObservationEnabled(true);
        return factory;
    }

    /**
     * For listeners that take a whole poll ({@link io.windshift.messaging.consume.IdempotentBatch}): same consumers,
     * dead letters and retries, the failed record named by the listener. No per-record observation: the batch continues
     * each event's trace itself (one applied alone in its record's trace, a run in its first event's).
     */
    @Bean(name = BATCH_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, CloudEvent> batchKafkaListenerContainerFactory(
            ConsumerFactory<String, CloudEvent> cloudEventConsumerFactory, DefaultErrorHandler windshiftErrorHandler,
            MessagingProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, CloudEvent> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(cloudEventConsumerFactory);
        factory.setCommonErrorHandler(windshiftErrorHandler);
        factory.setConcurrency(properties.listenerConcurrency());
        factory.setBatchListener(true);
        return factory;
    }

    public static final String BATCH_FACTORY = "batchKafkaListenerContainerFactory";

    @Bean
    @ConditionalOnProperty(name = "windshift.messaging.create-topics", matchIfMissing = true)
    KafkaAdmin.NewTopics windshiftTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, properties.partitions(), properties.replicationFactor()));
            topics.add(new NewTopic(Topics.deadLetter(topic), properties.partitions(), properties.replicationFactor()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    StoreHealthIndicator storeHealthIndicator(MongoTemplate mongo) {
        return new StoreHealthIndicator(mongo);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, ObjectProvider<IntakePublisher> intake) {
        return new KafkaHealthIndicator(kafkaAdmin, intake.getIfAvailable());
    }
}
