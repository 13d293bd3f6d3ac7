package io.windshift.messaging.store;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationListener;
import org.springframework.data.mapping.context.MappingContextEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * Every {@code @Version}ed document is saved with the filter {@code {_id, version}}. MongoDB answers that from
 * {@code _id} alone, but the embedded store (mongo-java-server) scans the whole collection unless a unique
 * index names exactly those keys, which made each optimistic save cost O(collection). This declares that index
 * once for every versioned entity the mapping context knows, now and whenever a new one is first used.
 */
public class VersionedSaveIndexes implements SmartInitializingSingleton, ApplicationListener<MappingContextEvent<?, ?>> {

    private static final Logger log = LoggerFactory.getLogger(VersionedSaveIndexes.class);

    // Looked up lazily: the mapping context announces entities while the template is still being created.
    private final ObjectProvider<MongoTemplate> template;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();
    private volatile MongoTemplate mongo;

    public VersionedSaveIndexes(ObjectProvider<MongoTemplate> template) {
        this.template = template;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo = template.getObject();
        mongo.getConverter().getMappingContext().getPersistentEntities().forEach(this::declare);
    }

    @Override
    public void onApplicationEvent(MappingContextEvent<?, ?> event) {
        // Before start-up completes, afterSingletonsInstantiated covers the entity.
        if (mongo != null && event.getPersistentEntity() instanceof MongoPersistentEntity<?> entity) {
            declare(entity);
        }
    }

    /** Declares the unique {@code {_id: 1, <version>: 1}} index of one entity's collection, once per collection. */
    public void declare(MongoPersistentEntity<?> entity) {
        if (mongo == null || !entity.hasVersionProperty() || entity.getCollection() == null) {
            return;
        }
        String collection = entity.getCollection();
        String versionField = entity.getRequiredVersionProperty().getFieldName();
        if (!declared.add(collection + "|" + versionField)) {
            return;
        }
        mongo.getCollection(collection).createIndex(Indexes.ascending("_id", versionField), new IndexOptions().unique(true));
        log.debug("Unique {_id, {}} index on {} for versioned saves", versionField, collection);
    }

    /** The collections covered so far (for tests and diagnostics). */
    public Set<String> declared() {
        return Set.copyOf(declared);
    }
}
