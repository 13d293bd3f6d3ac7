package io.windshift.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

class ProblemHandlerTest {

    @RestController
    static class Echo {
        @PostMapping("/echo")
        Map<String, String> echo(@RequestBody Map<String, String> body) {
            return body;
        }

        record Link(@jakarta.validation.constraints.NotBlank String occurrenceId) {
        }

        /** A constrained path variable makes Spring validate the method, body included. */
        @PostMapping("/links/{id}")
        Link link(@org.springframework.web.bind.annotation.PathVariable @jakarta.validation.constraints.Size(max = 5) String id,
                  @jakarta.validation.Valid @RequestBody Link body) {
            return body;
        }

        enum Tier { STRATEGIC, STANDARD }

        record Registration(Tier tier, int seats) {
        }

        @PostMapping("/registrations")
        Registration register(@RequestBody Registration body) {
            return body;
        }

        /** What a direct collection call throws when the store closes the connection mid-request. */
        @PostMapping("/store-gone")
        void storeGone() {
            throw new com.mongodb.MongoSocketReadException("Prematurely reached end of stream", new com.mongodb.ServerAddress("localhost", 27017));
        }

        @PostMapping("/store-timeout")
        void storeTimeout() {
            throw new org.springframework.dao.DataAccessResourceFailureException("Timed out after 30000 ms while waiting to connect");
        }

        @PostMapping("/rejected")
        void rejected() {
            throw new RequestRejectedException("The request was rejected because the parameter name \"{...}\" is not allowed.");
        }
    }

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Echo()).setControllerAdvice(new ProblemHandler())
            .setValidator(validator()).build();

    /** A mapper that refuses unknown fields (not the services' default, which ignores them): JsonProblems still names no Java class. */
    final MockMvc strict = MockMvcBuilders.standaloneSetup(new Echo()).setControllerAdvice(new ProblemHandler())
            .setMessageConverters(new org.springframework.http.converter.json.JacksonJsonHttpMessageConverter(tools.jackson.databind.json.JsonMapper.builder()
                    .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)))
            .setValidator(validator()).build();

    static final java.util.List<String> JAVA_NAMES = java.util.List.of("io.windshift", "java.", "tools.jackson", "com.fasterxml");

    static org.springframework.test.web.servlet.ResultMatcher namesNoJavaClass() {
        return result -> assertThat(result.getResponse().getContentAsString()).doesNotContain(JAVA_NAMES);
    }

    @Test
    void anUnknownFieldIs400NamingTheFieldAndNoJavaClass() throws Exception {
        strict.perform(post("/registrations").contentType(MediaType.APPLICATION_JSON).content("{\"tier\":\"STRATEGIC\",\"seats\":1,\"revision\":7}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("revision"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a field of this request"))
                .andExpect(namesNoJavaClass());
    }

    @Test
    void aBadEnumOrWrongTypeNamesTheFieldAndWhatIsAcceptedButNoJavaClass() throws Exception {
        strict.perform(post("/registrations").contentType(MediaType.APPLICATION_JSON).content("{\"tier\":\"GOLD\",\"seats\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tier"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("STRATEGIC")))
                .andExpect(namesNoJavaClass());
        for (String body : java.util.List.of("{\"tier\":\"STANDARD\",\"seats\":\"many\"}", "{\"tier\":[1],\"seats\":1}",
                "{\"tier\":\"STANDARD\",\"seats\":{\"$gt\":1}}", "[]", "\"text\"", "{\"tier\":")) {
            strict.perform(post("/registrations").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(namesNoJavaClass());
        }
    }

    private static org.springframework.validation.beanvalidation.LocalValidatorFactoryBean validator() {
        var validator = new org.springframework.validation.beanvalidation.LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return validator;
    }

    @Test
    void aBodyFieldIsNamedEvenWhenTheMethodIsValidatedAsAWholeAndSoIsAPathVariable() throws Exception {
        mvc.perform(post("/links/ok").contentType(MediaType.APPLICATION_JSON).content("{\"occurrenceId\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("occurrenceId"));
        mvc.perform(post("/links/too-long").contentType(MediaType.APPLICATION_JSON).content("{\"occurrenceId\":\"oc-1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void aRequestTheFirewallRejectsIs400ProblemJsonNot500() throws Exception {
        mvc.perform(post("/rejected").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("{\"a\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void malformedJsonIs400NamingTheBody() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"a\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    /** A store that closed the connection or did not answer is a 503 with Retry-After (the chaos run's kill -9 of mongo saw 500s). */
    @Test
    void aStoreThatDoesNotAnswerIsA503WithARetryHint() throws Exception {
        for (String path : new String[] {"/store-gone", "/store-timeout"}) {
            mvc.perform(post(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Retry-After", "2"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Store unavailable"));
        }
    }
}
