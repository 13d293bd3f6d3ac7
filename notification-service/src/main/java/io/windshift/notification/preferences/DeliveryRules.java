package io.windshift.notification.preferences;

import io.windshift.notification.inbox.Category;
import io.windshift.notification.inbox.Severity;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The preference rules, pure so they can be tested with any clock: severity threshold, quiet hours in the
 * person's time zone, a daily digest for LOW, and critical that cannot be muted (it ignores threshold,
 * quiet hours and digest, and goes out by email even to someone who chose the inbox only).
 */
public final class DeliveryRules {

    private DeliveryRules() {
    }

    public static Routing route(Preferences prefs, Category category, Severity severity, Instant now) {
        List<Channel> order = new ArrayList<>(prefs.channelsFor(category).stream().filter(c -> c != Channel.IN_APP).toList());
        boolean critical = severity == Severity.CRITICAL;
        if (critical && order.isEmpty()) {
            order.add(Channel.EMAIL);
        }
        if (order.isEmpty()) {
            return Routing.suppressed("inbox only for " + category);
        }
        if (!critical && severity.ordinal() < prefs.threshold().ordinal()) {
            return Routing.suppressed("below threshold " + prefs.threshold());
        }
        ZoneId zone = ZoneId.of(prefs.timeZone() == null ? "UTC" : prefs.timeZone());
        if (!critical && severity == Severity.LOW && prefs.digestEnabled()) {
            return new Routing(order, nextDigest(prefs, now, zone), "DIGEST", false, null);
        }
        if (!critical) {
            Instant quietEnd = endOfQuietHours(prefs, now, zone);
            if (quietEnd != null) {
                return new Routing(order, quietEnd, "QUIET_HOURS", false, null);
            }
        }
        return new Routing(order, now, null, false, null);
    }

    /** The end of the quiet window {@code now} falls in, or null when {@code now} is not quiet. Windows may span midnight. */
    public static Instant endOfQuietHours(Preferences prefs, Instant now, ZoneId zone) {
        if (prefs.quietHoursStart() == null || prefs.quietHoursEnd() == null) {
            return null;
        }
        LocalTime start = LocalTime.parse(prefs.quietHoursStart());
        LocalTime end = LocalTime.parse(prefs.quietHoursEnd());
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (start.equals(end)) {
            return null;
        }
        boolean spansMidnight = start.isAfter(end);
        boolean quiet = spansMidnight ? !time.isBefore(start) || time.isBefore(end) : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return null;
        }
        ZonedDateTime endToday = local.with(end);
        return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
    }

    /** The next digest time strictly after now, in the person's zone. */
    public static Instant nextDigest(Preferences prefs, Instant now, ZoneId zone) {
        LocalTime at = LocalTime.parse(prefs.digestTime() == null ? "08:00" : prefs.digestTime());
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.with(at);
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }
}
