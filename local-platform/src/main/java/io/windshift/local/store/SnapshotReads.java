package io.windshift.local.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * Why our embedded store hands out copies. The stock mongo-java-server collections apply an update field by
 * field to the stored document, and a query returns that same object, which the wire encoder reads after the
 * collection lock is released. A reader could see a new list with an old version, and a compare-and-set built on
 * that read succeeds and loses the update it raced (seen as a sixth STRATEGIC alliance granted to one manager).
 *
 * <p>So every query result is a deep copy taken under the lock, and an update works on that copy and then writes
 * the result back, still under the lock: the objects a reader holds are never changed again.
 */
final class SnapshotReads {

    private SnapshotReads() {
    }

    static List<Document> copies(List<Document> matched) {
        List<Document> copies = new ArrayList<>(matched.size());
        for (Document document : matched) {
            copies.add(document.cloneDeeply());
        }
        return copies;
    }

    /** Makes {@code stored} equal to {@code updated} (as the stock update did to the object it was given). */
    static void writeBack(Document stored, Document updated) {
        if (stored == updated) {
            return;
        }
        stored.keySet().retainAll(updated.keySet());
        updated.cloneInto(stored);
    }
}
