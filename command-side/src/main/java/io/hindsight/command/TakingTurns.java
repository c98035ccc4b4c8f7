package io.hindsight.command;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The commands of a context whose aggregates many clients change at once, which take turns on each aggregate
 * ({@link TurnsBeforeLoading}) instead of racing on its event sequence. A race's loser is sent again, at most three
 * times: under a steady stream of small commands (fundings of a popular campaign) a large one (its cancellation,
 * which settles every hold) lost all of them and was answered 409 CONCURRENT_MODIFICATION, however often it was sent.
 * A command of another context that sends commands to several such aggregates (a resignation winding up its
 * campaigns) names them all, and takes their turns before it starts.
 */
public record TakingTurns<C>(String kind, Class<C> commands, Function<C, Collection<String>> aggregateIds) {

    public static <C> TakingTurns<C> of(String kind, Class<C> commands, Function<C, String> aggregateId) {
        return new TakingTurns<>(kind, commands, command -> List.of(aggregateId.apply(command)));
    }

    public static <C> TakingTurns<C> ofEach(String kind, Class<C> commands, Function<C, Collection<String>> ids) {
        return new TakingTurns<>(kind, commands, ids);
    }

    /** The aggregates whose turns {@code command} waits for: none unless it is one of these commands. */
    Collection<String> aggregatesOf(Object command) {
        return commands.isInstance(command) ? aggregateIds.apply(commands.cast(command)) : List.of();
    }
}
