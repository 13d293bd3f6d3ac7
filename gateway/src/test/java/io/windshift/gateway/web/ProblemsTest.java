package io.windshift.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

    static final String NASTY = "quote \" backslash \\ slash / tab \t newline \n return \r nul \u0000 bell \u0007 unit-sep \u001f "
            + "del \u007f line-sep \u2028 non-ASCII: é ü ß 中文 emoji 😀 and a lone \\u0041 that is not an escape";

    @Test
    void anyDetailRoundTripsExactlyThroughAJsonParser() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/alliances/%C3%A9-\"x\""));

        Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Title with \"quotes\" \\ and é", NASTY).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JsonMapper.builder().build().readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo("Title with \"quotes\" \\ and é");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString()).isEqualTo(NASTY);
        assertThat(problem.get("instance").asString()).isEqualTo(exchange.getRequest().getPath().value());
        assertThat(problem.size()).isEqualTo(5);
    }
}
