package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
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

    /**
     * Each element's partner in the other list is looked up, not searched for: a diff of two lists of n elements
     * took n * n / 2 comparisons each way (the audit trail of a store with a 500-item menu took 10 s; 20,000
     * elements 30 to 139 s on a loaded machine, where they now take 4 s; 50,000 more than six times that).
     */
    @Test
    void aDiffOfLongIdentifiedListsTakesTimeInProportionToTheirLength() {
        ObjectNode before = JSON.createObjectNode();
        ObjectNode after = JSON.createObjectNode();
        ArrayNode was = before.putArray("menu");
        ArrayNode now = after.putArray("menu");
        for (int i = 0; i < 50_000; i++) {
            was.addObject().put("menuId", "m-" + i).put("price", i);
            now.addObject().put("menuId", "m-" + i).put("price", i == 7_777 ? 1 : i);
        }
        List<JsonDiff.Change> changes =
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> JsonDiff.between(before, after));
        assertThat(changes)
                .extracting(change -> change.field() + ": " + change.from() + " -> " + change.to())
                .containsExactly("menu[menuId=m-7777].price: 7777 -> 1");
    }
}
