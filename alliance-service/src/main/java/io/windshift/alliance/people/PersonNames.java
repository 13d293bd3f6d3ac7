package io.windshift.alliance.people;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How the people search reads names: case and accents folded ("José" finds "jose"), and a person matches when a word
 * of their name, their whole name, or their id starts with the query. Search keys are the first {@value #KEY_LENGTH}
 * characters of each word and of the id: the directory index is read by key, never scanned.
 */
public final class PersonNames {

    public static final int KEY_LENGTH = 2;

    private PersonNames() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    /** The index keys a person is found under. */
    public static Set<String> keys(String personId, String name) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(key(fold(personId)));
        String folded = fold(name);
        // Under each word ("nunez" of "Alvarez-Nunez") and each space-separated token ("o'brien"), as a query may start with either.
        Arrays.stream(words(folded)).filter(w -> !w.isEmpty()).forEach(w -> keys.add(key(w)));
        Arrays.stream(folded.split(" ")).filter(t -> !t.isEmpty()).forEach(t -> keys.add(key(t)));
        keys.remove("");
        return keys;
    }

    /** The key a (folded) query is looked up under: that of its first space-separated token. */
    public static String queryKey(String foldedQuery) {
        return key(foldedQuery.split(" ")[0]);
    }

    public static boolean matches(String foldedQuery, String personId, String name) {
        String foldedName = fold(name);
        if (fold(personId).startsWith(foldedQuery) || foldedName.startsWith(foldedQuery)) {
            return true;
        }
        for (String word : words(foldedName)) {
            if (word.startsWith(foldedQuery)) {
                return true;
            }
        }
        // "ana so" finds "Maria Ana Souza": the query may span words.
        return foldedName.contains(" " + foldedQuery);
    }

    private static String[] words(String folded) {
        return folded.isEmpty() ? new String[0] : folded.split("[\\s,.'-]+");
    }

    private static String key(String word) {
        return word.length() <= KEY_LENGTH ? word : word.substring(0, KEY_LENGTH);
    }
}
