package io.windshift.alliance.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNamesTest {

    @Test
    void aPersonIsFoundByTheStartOfAnyNameWordOfTheWholeNameOrOfTheIdWhateverCaseAndAccents() {
        assertThat(PersonNames.matches(PersonNames.fold("JOSE"), "p-1", "María José Álvarez-Núñez")).isTrue();
        assertThat(PersonNames.matches(PersonNames.fold("nun"), "p-1", "María José Álvarez-Núñez")).isTrue();
        assertThat(PersonNames.matches(PersonNames.fold("jose alv"), "p-1", "María José Álvarez-Núñez")).isTrue();
        assertThat(PersonNames.matches(PersonNames.fold("P-10"), "p-1042", null)).isTrue();
        assertThat(PersonNames.matches(PersonNames.fold("arez"), "p-1", "María José Álvarez-Núñez")).as("not a word start").isFalse();
        assertThat(PersonNames.matches(PersonNames.fold("1042"), "p-1042", "Ana Souza")).as("not the id's start").isFalse();
    }

    @Test
    void thePersonIsIndexedUnderTheFirstLettersOfEachWordAndOfTheIdWhereEveryMatchingQueryLooks() {
        assertThat(PersonNames.keys("P-1042", "Ana de Souza")).containsExactlyInAnyOrder("p-", "an", "de", "so");
        assertThat(PersonNames.keys("p-7", null)).containsExactly("p-");
        for (String query : new String[] {"ana", "AN", "souza", "de sou", "p-10"}) {
            assertThat(PersonNames.keys("P-1042", "Ana de Souza")).as(query).contains(PersonNames.queryKey(PersonNames.fold(query)));
        }
        for (String query : new String[] {"o'b", "brien", "maeve o'"}) {
            assertThat(PersonNames.matches(PersonNames.fold(query), "p-9", "Maeve O'Brien")).as(query).isTrue();
            assertThat(PersonNames.keys("p-9", "Maeve O'Brien")).as(query).contains(PersonNames.queryKey(PersonNames.fold(query)));
        }
    }
}
