package io.hindsight.command;

import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The turns a command waits for, from every context's {@link TakingTurns}: in one order, so that two commands taking
 * several cannot each hold a turn the other waits for.
 */
@Component
public class Turns {

    private static final Comparator<Turn> BY_KIND_AND_ID =
            Comparator.comparing(Turn::kind).thenComparing(Turn::aggregateId);

    private final List<TakingTurns<?>> turnTakers;

    public Turns(List<TakingTurns<?>> turnTakers) {
        this.turnTakers = List.copyOf(turnTakers);
    }

    /** None for most commands, which are sent on every request and take no turn. */
    public List<Turn> of(Object command) {
        SortedSet<Turn> turns = null;
        for (TakingTurns<?> taker : turnTakers) {
            for (String id : taker.aggregatesOf(command)) {
                if (turns == null) {
                    turns = new TreeSet<>(BY_KIND_AND_ID);
                }
                turns.add(new Turn(taker.kind() + "-turn", id));
            }
        }
        return turns == null ? List.of() : List.copyOf(turns);
    }

    public record Turn(String kind, String aggregateId) {}
}
