package io.windshift.gateway.ratelimit;

/**
 * One client's allowance on one route: up to {@code capacity} requests at once, refilled continuously at
 * {@code refillPerSecond}. Time is passed in, so the rule is tested without waiting.
 */
final class TokenBucket {

    private final int capacity;
    private final double refillPerNano;
    private double tokens;
    private long lastRefill;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.lastRefill = nowNanos;
    }

    /** Takes one token if there is one; otherwise says how many seconds until there will be. */
    synchronized Decision tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, (long) Math.floor(tokens), 0);
        }
        long waitSeconds = refillPerNano <= 0 ? 60 : (long) Math.ceil((1 - tokens) / refillPerNano / 1_000_000_000d);
        return new Decision(false, 0, Math.max(1, waitSeconds));
    }

    /**
     * How long this bucket takes to fill from empty: after that long without a request it is full again, so it
     * may be forgotten (a new bucket for the same client is the same). {@code Long.MAX_VALUE} if it never refills.
     */
    long nanosToFillFromEmpty() {
        if (refillPerNano <= 0) {
            return Long.MAX_VALUE;
        }
        double nanos = Math.ceil(capacity / refillPerNano);
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }

    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastRefill);
        tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
        lastRefill = nowNanos;
    }

    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
    }
}
