package io.windshift.notification.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Resilience4j around every outbound endpoint: a bulkhead bounds concurrent calls, retry with exponential
 * backoff and jitter absorbs blips, a circuit breaker stops hammering a dead relay (and lets the queue fail
 * over at once), and a time limiter bounds each call. One set per channel name.
 */
@Component
public class ChannelGuards {

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final TimeLimiterConfig timeLimits;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    ChannelGuards(MeterRegistry meters,
                  @Value("${windshift.notification.guard.timeout:PT5S}") Duration timeout,
                  @Value("${windshift.notification.guard.retry-attempts:3}") int retryAttempts,
                  @Value("${windshift.notification.guard.retry-backoff:PT0.5S}") Duration retryBackoff,
                  @Value("${windshift.notification.guard.failure-rate:50}") float failureRate,
                  @Value("${windshift.notification.guard.window:10}") int window,
                  @Value("${windshift.notification.guard.open-for:PT30S}") Duration openFor,
                  @Value("${windshift.notification.guard.max-concurrent:8}") int maxConcurrent) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window).minimumNumberOfCalls(Math.min(window, 4)).failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor).automaticTransitionFromOpenToHalfOpenEnabled(true).permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(OutboundChannel.Undeliverable.class).build());
        this.retries = RetryRegistry.of(RetryConfig.custom().maxAttempts(retryAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retryBackoff, 2.0, 0.5))
                .ignoreExceptions(CallNotPermittedException.class, BulkheadFullException.class, OutboundChannel.Undeliverable.class).build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(maxConcurrent).maxWaitDuration(Duration.ZERO).build());
        this.timeLimits = TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    /** Runs one send through bulkhead, retry, circuit breaker and time limit, in that order from the outside. */
    public void call(String channel, Callable<Void> send) throws Exception {
        TimeLimiter limiter = TimeLimiter.of(channel, timeLimits);
        Callable<Void> timed = () -> limiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(() -> {
            try {
                return send.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, calls));
        Callable<Void> guarded = Bulkhead.decorateCallable(bulkheads.bulkhead(channel),
                Retry.decorateCallable(retries.retry(channel), CircuitBreaker.decorateCallable(breaker(channel), timed)));
        guarded.call();
    }

    public CircuitBreaker breaker(String channel) {
        return breakers.circuitBreaker(channel);
    }
}
