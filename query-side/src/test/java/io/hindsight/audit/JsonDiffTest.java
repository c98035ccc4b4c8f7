package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> changes(String before, String after) throws Exception {
        return JsonDiff.between(JSON.readTree(before), JSON.readTree(after)).stream()
                .map(change -> change.field() + ": " + change.from() + " -> " + change.to())
                .toList();
    }

    @Test
    void aListGoingFromEmptyToFilledIsToldByItsElementsNotAsTheFieldBecomingNull() throws Exception {
        assertThat(changes("{\"lines\":[]}", "{\"lines\":[{\"productId\":\"p-1\",\"quantity\":1}]}"))
                .containsExactly(
                        "lines[productId=p-1].productId: null -> \"p-1\"", "lines[productId=p-1].quantity: null -> 1");
        assertThat(changes("{\"lines\":[{\"productId\":\"p-1\",\"quantity\":1}]}", "{\"lines\":[]}"))
                .containsExactly(
                        "lines[productId=p-1].productId: \"p-1\" -> null", "lines[productId=p-1].quantity: 1 -> null");
    }

    @Test
    void aFieldThatAppearsEmptyOrChangesIsStillAChange() throws Exception {
        assertThat(changes("{}", "{\"lines\":[]}")).containsExactly("lines: null -> []");
        assertThat(changes("{\"roles\":[\"MEMBER\"]}", "{\"roles\":[\"MEMBER\",\"HOST\"]}"))
                .containsExactly("roles: [\"MEMBER\"] -> [\"MEMBER\",\"HOST\"]");
        assertThat(changes(
                        "{\"lines\":[{\"productId\":\"p-1\",\"quantity\":1}]}",
                        "{\"lines\":[{\"productId\":\"p-1\",\"quantity\":2}]}"))
                .containsExactly("lines[productId=p-1].quantity: 1 -> 2");
    }

    /**
     * An identity must name the elements on both sides: a status history's actorId identified its one entry before
     * the same actor's second, so the change showed the first entry removed and two added.
     */
    @Test
    void aFieldThatIdentifiesTheElementsOnOneSideOnlyIsNoIdentity() throws Exception {
        assertThat(changes(
                        "{\"history\":[{\"actorId\":\"a\",\"status\":\"CREATED\"}]}",
                        "{\"history\":[{\"actorId\":\"a\",\"status\":\"CREATED\"},"
                                + "{\"actorId\":\"a\",\"status\":\"CANCELED\"}]}"))
                .containsExactly("history[1].actorId: null -> \"a\"", "history[1].status: null -> \"CANCELED\"");
        assertThat(changes(
                        "{\"lines\":[{\"productId\":\"p-1\",\"quantity\":1}]}",
                        "{\"lines\":[{\"productId\":\"p-2\",\"quantity\":1},{\"productId\":\"p-1\",\"quantity\":1}]}"))
                .containsExactly(
                        "lines[productId=p-2].productId: null -> \"p-2\"", "lines[productId=p-2].quantity: null -> 1");
    }
}
