package io.windshift.alliance.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.windshift.alliance.AllianceServiceIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/** Opt-in paging of GET /api/v1/alliances: same JSON array, X-Total-Count and Link, the same role scoping, bounded size. */
class AlliancePagingIT extends AllianceServiceIntegrationTest {

    @Test
    void aPersonPagesThroughExactlyTheirOwnAlliances() throws Exception {
        String manager = "p-pager-" + UUID.randomUUID();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "Paged " + manager + " " + i;
            names.add(name);
            register(alliance(name, "STANDARD", "EARLY", seats("PARTNERSHIP_LEAD", manager)));
        }
        register(alliance("Not theirs " + manager, "STANDARD", "EARLY", seats("PARTNERSHIP_LEAD", "p-someone-else")));

        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            MockHttpServletResponse response = mvc.perform(get("/api/v1/alliances?page=" + page + "&size=2").with(person(manager, "ALLIANCE_MANAGER")))
                    .andExpect(status().isOk())
                    .andExpect(header().string("X-Total-Count", "5"))
                    .andReturn().getResponse();
            seen.addAll(JsonPath.read(response.getContentAsString(), "$[*].name"));
            if (page < 2) {
                assertThat(response.getHeader("Link")).contains("page=" + (page + 1) + "&size=2>; rel=\"next\"");
            } else {
                assertThat(response.getHeader("Link")).doesNotContain("rel=\"next\"").contains("page=2&size=2>; rel=\"last\"");
            }
        }
        assertThat(seen).containsExactlyElementsOf(names);
        // Without page and size the answer is today's: the whole list, no paging headers.
        mvc.perform(get("/api/v1/alliances").with(person(manager, "ALLIANCE_MANAGER")))
                .andExpect(jsonPath("$.length()").value(5))
                .andExpect(header().doesNotExist("X-Total-Count"));
        mvc.perform(get("/api/v1/alliances?page=0&size=10").with(person("p-stranger-" + manager, "ALLIANCE_MANAGER")))
                .andExpect(header().string("X-Total-Count", "0")).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void theHeadPagesTheWholePortfolioInTheStoreWithTheSameRowsAsTheList() throws Exception {
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            register(alliance("Whole " + marker + " " + i, "LOW_TOUCH", "LATE", seats("PARTNERSHIP_LEAD", "p-w-" + marker)));
        }
        List<String> all = JsonPath.read(mvc.perform(get("/api/v1/alliances?tier=LOW_TOUCH&stage=LATE").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andReturn().getResponse().getContentAsString(), "$[*].id");
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 2 < all.size(); page++) {
            MockHttpServletResponse response = mvc.perform(get("/api/v1/alliances?tier=LOW_TOUCH&stage=LATE&page=" + page + "&size=2")
                            .with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                    .andExpect(header().string("X-Total-Count", Integer.toString(all.size()))).andReturn().getResponse();
            assertThat(response.getHeader("Link")).contains("tier=LOW_TOUCH&stage=LATE&page=0&size=2>; rel=\"first\"");
            paged.addAll(JsonPath.read(response.getContentAsString(), "$[*].id"));
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(all).hasSameSizeAs(all);
    }

    @Test
    void aPageSizeAboveTheMaximumIsA400NamingSize() throws Exception {
        mvc.perform(get("/api/v1/alliances?page=0&size=201").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/v1/alliances?page=-1").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    @Test
    void theSummaryCountsByTierAndStageForTheHeadAndForAPerson() throws Exception {
        String person = "p-sum-" + UUID.randomUUID();
        register(alliance("Sum A " + person, "STANDARD", "DISCOVERY", seats("PARTNERSHIP_LEAD", person)));
        register(alliance("Sum B " + person, "STANDARD", "DISCOVERY", seats("PARTNERSHIP_LEAD", person)));
        register(alliance("Sum C " + person, "LOW_TOUCH", "COMMERCIAL", seats("PARTNERSHIP_LEAD", person)));

        mvc.perform(get("/api/v1/portfolio/summary").with(person(person, "ALLIANCE_MANAGER")))
                .andExpect(jsonPath("$.STANDARD.DISCOVERY").value(2))
                .andExpect(jsonPath("$.LOW_TOUCH.COMMERCIAL").value(1))
                .andExpect(jsonPath("$.STRATEGIC").doesNotExist());
        int listed = JsonPath.read(mvc.perform(get("/api/v1/alliances?tier=STANDARD&stage=DISCOVERY").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andReturn().getResponse().getContentAsString(), "$.length()");
        mvc.perform(get("/api/v1/portfolio/summary").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andExpect(jsonPath("$.STANDARD.DISCOVERY").value(listed));
    }
}
