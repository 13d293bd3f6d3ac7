package io.windshift.notification.preferences;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Each person's own preferences; defaults until they save some. */
@Service
public class PreferenceStore {

    private final MongoTemplate mongo;

    PreferenceStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Preferences of(String personId) {
        Preferences stored = mongo.findById(personId, Preferences.class);
        return stored == null ? Preferences.defaults(personId) : stored;
    }

    public Preferences save(Preferences preferences) {
        return mongo.save(preferences);
    }
}
