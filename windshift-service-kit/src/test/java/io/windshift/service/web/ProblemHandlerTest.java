package io.windshift.service.web;

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

        @PostMapping("/rejected")
        void rejected() {
            throw new RequestRejectedException("The request was rejected because the parameter name \"{...}\" is not allowed.");
        }
    }

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Echo()).setControllerAdvice(new ProblemHandler()).build();

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
}
