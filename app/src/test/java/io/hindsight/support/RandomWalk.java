package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The frame of a seeded random walk over the running system, which an oracle checks against its model: weighted
 * actions, the step it is at, a trace of what it did, reads that agreed only after a wait, and on a failure the seed
 * and the last steps printed. The seed is printed first, and the system property named repeats it.
 */
public final class RandomWalk {

    private final String name;
    private final long seed;
    private final Random random;
    private final List<Map.Entry<String, Supplier<Boolean>>> actions = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();
    private final List<String> staleReads = new ArrayList<>();
    private final Map<String, Integer> taken = new LinkedHashMap<>();
    private int step;

    public RandomWalk(String name, String seedProperty) {
        this.name = name;
        this.seed = Long.getLong(seedProperty, System.nanoTime());
        System.out.println(name + " seed: " + seed + " (repeat with -D" + seedProperty + "=" + seed + ")");
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    public long seed() {
        return seed;
    }

    public int step() {
        return step;
    }

    /** A step outside {@link #walk} (a last act after it), so that its trace and reads are told apart. */
    public void nextStep() {
        step++;
    }

    /** Drawn {@code weight} times as often as an action of weight 1; one that finds nothing to act on answers false. */
    public RandomWalk action(int weight, String name, Supplier<Boolean> action) {
        for (int i = 0; i < weight; i++) {
            actions.add(Map.entry(name, action));
        }
        return this;
    }

    /** Steps 1 to {@code steps}, each handed to {@code eachStep}. */
    public void walk(int steps, Step eachStep) throws Exception {
        for (step = 1; step <= steps; step++) {
            eachStep.take(step);
        }
    }

    /** One action that could act, of up to 50 drawn; false when none could. */
    public boolean takeOneStep() {
        for (int attempt = 0; attempt < 50; attempt++) {
            Map.Entry<String, Supplier<Boolean>> action = actions.get(random.nextInt(actions.size()));
            if (action.getValue().get()) {
                taken.merge(action.getKey(), 1, Integer::sum);
                return true;
            }
        }
        return false;
    }

    public void log(String line) {
        trace.add(step + ": " + line);
    }

    /**
     * A comparison of the model with a read, which must agree now or, noted as a stale read (one that missed a write
     * it followed), within {@code within}.
     */
    public void settled(String what, Duration within, Runnable comparison) {
        try {
            comparison.run();
            return;
        } catch (AssertionError stale) {
            staleReads.add("step " + step + ": "
                    + stale.getMessage().lines().findFirst().orElse(what));
        }
        eventually(what, within, comparison);
    }

    /** A comparison that must agree within {@code within}, named with the step in its failure. */
    public void eventually(String what, Duration within, Runnable comparison) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .alias("step " + step + ": " + what)
                .untilAsserted(comparison::run);
    }

    public List<String> staleReads() {
        return staleReads;
    }

    /** How often each action was taken. */
    public Map<String, Integer> taken() {
        return taken;
    }

    /** Runs {@code body}; a failure is told with the step, the seed and the last {@code shown} lines of the trace. */
    public void reportingFailures(int shown, Body body) throws Exception {
        try {
            body.run();
        } catch (AssertionError | RuntimeException e) {
            System.out.println(name + " failed at step " + step + " (seed " + seed + "); the last steps:");
            trace.subList(Math.max(0, trace.size() - shown), trace.size())
                    .forEach(line -> System.out.println("  " + line));
            throw e;
        }
    }

    /** The walk and its checks. */
    public interface Body {
        void run() throws Exception;
    }

    /** What one step does, given its number. */
    public interface Step {
        void take(int step) throws Exception;
    }
}
