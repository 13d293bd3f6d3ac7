package io.windshift.notification.inbox;

import java.time.Instant;

/**
 * One outbound channel of one notification, kept inside the notification document: the delivery queue is
 * stored state, claimed with the document's version, so a crash neither loses nor doubles a delivery.
 */
public class Delivery {

    public enum Status { PENDING, SENDING, SENT, FAILED, DEAD, CANCELLED, SUPPRESSED }

    private final String channel;
    private Status status;
    private int attempts;
    private Instant dueAt;
    private String deferredReason;
    private String claimedBy;
    private Instant claimedUntil;
    private int claimedRevision;
    private int sentRevision;
    private Instant lastAttemptAt;
    private String lastError;

    public Delivery(String channel, Status status, int attempts, Instant dueAt, String deferredReason, String claimedBy,
                    Instant claimedUntil, int claimedRevision, int sentRevision, Instant lastAttemptAt, String lastError) {
        this.channel = channel;
        this.status = status;
        this.attempts = attempts;
        this.dueAt = dueAt;
        this.deferredReason = deferredReason;
        this.claimedBy = claimedBy;
        this.claimedUntil = claimedUntil;
        this.claimedRevision = claimedRevision;
        this.sentRevision = sentRevision;
        this.lastAttemptAt = lastAttemptAt;
        this.lastError = lastError;
    }

    static Delivery pending(String channel, Instant dueAt, String deferredReason) {
        return new Delivery(channel, Status.PENDING, 0, dueAt, deferredReason, null, null, 0, 0, null, null);
    }

    static Delivery suppressed(String channel, String why) {
        return new Delivery(channel, Status.SUPPRESSED, 0, null, null, null, null, 0, 0, null, why);
    }

    /** Ready to send: pending and due, or claimed by an instance whose lease ran out (it crashed mid-send). */
    boolean isDue(Instant now) {
        return (status == Status.PENDING && !dueAt.isAfter(now))
                || (status == Status.SENDING && claimedUntil != null && !claimedUntil.isAfter(now));
    }

    /** When the worker should look at this delivery next, or null when it is finished. */
    Instant nextLook() {
        return switch (status) {
            case PENDING -> dueAt;
            case SENDING -> claimedUntil;
            default -> null;
        };
    }

    void rearm(Instant at, String reason) {
        status = Status.PENDING;
        attempts = 0;
        dueAt = at;
        deferredReason = reason;
        lastError = null;
    }

    void claim(String instance, Instant until, int revision) {
        status = Status.SENDING;
        claimedBy = instance;
        claimedUntil = until;
        claimedRevision = revision;
    }

    void sent(Instant at) {
        attempts++;
        status = Status.SENT;
        sentRevision = claimedRevision;
        lastAttemptAt = at;
        lastError = null;
        claimedBy = null;
        claimedUntil = null;
    }

    /** A failed attempt: retried at {@code retryAt}, or DEAD when {@code retryAt} is null. */
    void failed(Instant at, String error, Instant retryAt) {
        attempts++;
        lastAttemptAt = at;
        lastError = error;
        claimedBy = null;
        claimedUntil = null;
        if (retryAt == null) {
            status = Status.DEAD;
        } else {
            status = Status.PENDING;
            dueAt = retryAt;
            deferredReason = "RETRY";
        }
    }

    void cancel(String why) {
        status = Status.CANCELLED;
        lastError = why;
    }

    public String channel() {
        return channel;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public String deferredReason() {
        return deferredReason;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }

    public int claimedRevision() {
        return claimedRevision;
    }

    public int sentRevision() {
        return sentRevision;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public String lastError() {
        return lastError;
    }
}
