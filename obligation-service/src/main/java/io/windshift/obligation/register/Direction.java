package io.windshift.obligation.register;

/** Whether we owe it to the partner or the partner owes it to us. */
public enum Direction {
    OWED_BY_US, OWED_TO_US
}
