package io.windshift.alliance.impact;

import java.util.List;

/**
 * A fact that settles actions: {@code key} names what happened (a seat filled, a notice obligation closed, an
 * obligation's vacancy filled, a manager back within capacity), {@code seq} orders facts of one key (the
 * alliance version for seats; 0 where the key names the vacancy itself), {@code members} the body's members for
 * a governance seat. {@code dismisses} is true when the fact makes the action moot rather than done (a notice waived).
 */
public record ActionFact(String key, long seq, String eventId, String eventType, String note, boolean dismisses, List<String> members) {

    public ActionFact {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public static ActionFact done(String key, long seq, String eventId, String eventType, String note) {
        return new ActionFact(key, seq, eventId, eventType, note, false, List.of());
    }

    /** Partner-notice obligations opened for actions are registered under ids with this prefix. */
    public static final String NOTICE_OBLIGATION_PREFIX = "ob-notice-";

    private static final String CAPACITY = "capacity|";

    /** Manager load is read live and never remembered: an old "within capacity" must not close a new overload. */
    public static boolean isLive(String key) {
        return key.startsWith(CAPACITY);
    }

    /** The manager a live capacity key is about. */
    static String managerOf(String capacityKey) {
        return capacityKey.substring(CAPACITY.length());
    }

    public static String seat(String allianceId, String seat) {
        return "seat|" + allianceId + "|" + seat;
    }

    /** The person on leave is back ({@code seq}: when that was processed, so an earlier return closes no later leave's cover). */
    public static String leave(String personId) {
        return "leave|" + personId;
    }

    public static String notice(String noticeObligationId) {
        return "notice|" + noticeObligationId;
    }

    public static String obligationOwner(String obligationId, String vacancyTriggerEventId) {
        return "obligation-owner|" + obligationId + "|" + vacancyTriggerEventId;
    }

    public static String capacity(String managerId) {
        return CAPACITY + managerId;
    }
}
