package io.windshift.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Where the token buckets of the rate limit live: this instance's memory, or Redis shared by every instance. */
interface RateLimitBuckets {

    /** Takes one token from the (route, client) bucket. */
    Mono<TokenBucket.Decision> take(String routeId, String client);
}
