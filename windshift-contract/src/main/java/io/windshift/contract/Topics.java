package io.windshift.contract;

import java.util.List;

/**
 * One topic per aggregate type. The record key is the aggregate id (alliance id; person, org unit or
 * reorg id for HR), so all events of one alliance stay in order on one partition.
 */
public final class Topics {

    public static final String HR = "windshift.hr.events";
    public static final String FINANCE = "windshift.finance.events";
    public static final String ALLIANCE = "windshift.alliance.events";
    public static final String OBLIGATION = "windshift.obligation.events";
    public static final String NOTIFICATION = "windshift.notification.events";

    /** Suffix of the dead-letter topic kept beside each topic (same partition count). */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    public static final List<String> ALL = List.of(HR, FINANCE, ALLIANCE, OBLIGATION, NOTIFICATION);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
