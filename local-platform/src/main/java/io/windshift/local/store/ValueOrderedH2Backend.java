package io.windshift.local.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend (one MVStore file) with unique indexes keyed by {@link KeyValueType}, so an
 * index lookup compares values instead of Java-serialising keys. Each index lives in a map of its own name
 * ({@code …._index_NAME.by-value}); a store written by the stock backend has its indexes copied over once, on
 * first open, and the old maps removed. Reads are snapshots ({@link SnapshotReads}).
 */
public final class ValueOrderedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(ValueOrderedH2Backend.class);
    static final String SUFFIX = ".by-value";
    static final String BSON_SUFFIX = ".bson";

    public ValueOrderedH2Backend(String fileName) {
        super(MVStore.open(fileName));
    }

    /** In memory (tests and benchmarks that want the H2 code path without a file). */
    public ValueOrderedH2Backend() {
        super(MVStore.open(null));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Inner, not static: H2Database opens the indexes from its constructor, before a field of ours would be set. */
    private final class Database extends H2Database {

        Database(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVStore store = getMvStore();
            String stock = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            MVMap<KeyValue, Object> map = store.openMap(stock + SUFFIX, new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
            if (store.hasMap(stock)) {
                MVMap<Object, Object> old = store.openMap(stock);
                if (map.isEmpty()) {
                    for (Map.Entry<Object, Object> entry : old.entrySet()) {
                        map.put((KeyValue) entry.getKey(), entry.getValue());
                    }
                    log.info("index {}: {} key(s) moved to the value-ordered map", stock, map.sizeAsLong());
                }
                store.removeMap(old);
            }
            return new ValueOrderedUniqueIndex(map, indexName, keys, sparse);
        }

        /**
         * H2's collection with snapshot reads ({@link SnapshotReads}); its update already stores a new object. The
         * documents are kept as BSON ({@link BsonDocumentType}) in a map of their own name; a collection written by the
         * stock backend has its documents copied over once, on first open, and the old map removed.
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            String stock = "databases." + namespace;
            MVMap<Object, Document> data = store.openMap(stock + BSON_SUFFIX, new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            if (store.hasMap(stock)) {
                MVMap<Object, Document> old = store.openMap(stock);
                if (data.isEmpty()) {
                    data.putAll(old);
                    log.info("collection {}: {} document(s) moved to BSON", namespace, data.sizeAsLong());
                }
                store.removeMap(old);
            }
            MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
            return new H2Collection(this, collectionName, options, data, meta, cursorRegistry) {
                @Override
                protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
                    return super.createQueryResult(SnapshotReads.copies(matched), batchSize);
                }
            };
        }

        @Override
        public void dropCollection(String collectionName, de.bwaldvogel.mongo.oplog.Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            String name = "databases." + getFullCollectionNamespace(collectionName) + BSON_SUFFIX;
            if (getMvStore().hasMap(name)) {
                getMvStore().removeMap(name);
            }
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String from = "databases." + collection.getFullName() + BSON_SUFFIX;
            super.moveCollection(oldDatabase, collection, newCollectionName);
            if (getMvStore().hasMap(from)) {
                getMvStore().renameMap(getMvStore().openMap(from, new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType())),
                        "databases." + getFullCollectionNamespace(newCollectionName) + BSON_SUFFIX);
            }
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            MVStore store = getMvStore();
            String name = getFullCollectionNamespace(collection.getCollectionName()) + "._index_" + indexName + SUFFIX;
            if (store.hasMap(name)) {
                store.removeMap(name);
            }
        }
    }
}
