package io.hindsight.projection.admin;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One thread running long admin work - replays, erasures' clean-ups - one task after another, which the node's stop
 * cuts short. A task marks the part of it the stop may interrupt; the stop interrupts it there, never in the clean-up
 * after it (that needs Redis and PostgreSQL, whose clients fail every call of an interrupted thread), lets the tasks
 * still queued run to find the node stopping, and waits for them before the node closes its pools.
 */
public final class StoppableWorker {

    private final ExecutorService worker;
    /** Guards {@link #interruptible}: a task is interrupted only before its clean-up, never during it. */
    private final Object interruption = new Object();
    /** The thread of the task at work here, while it may be interrupted; guarded by {@link #interruption}. */
    private Thread interruptible;
    /** Set once as the node stops (under {@link #interruption}). */
    private volatile boolean stopping;

    public StoppableWorker(String threadName) {
        this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, threadName));
    }

    public Future<?> submit(Runnable task) {
        return worker.submit(task);
    }

    /**
     * Begins the part of the current task that the node's stop may interrupt.
     *
     * @throws NodeStopping when the node is already stopping: the task is not to begin
     */
    public void beginInterruptible() throws NodeStopping {
        synchronized (interruption) {
            if (stopping) {
                throw new NodeStopping();
            }
            interruptible = Thread.currentThread();
        }
    }

    /**
     * Ends the part of the current task that the node's stop may interrupt, and clears an interrupt that came
     * meanwhile; answers whether the node is stopping. Safe to call more than once.
     */
    public boolean endInterruptible() {
        synchronized (interruption) {
            interruptible = null;
            Thread.interrupted();
            return stopping;
        }
    }

    /** Whether the node has begun to stop. */
    public boolean stopping() {
        return stopping;
    }

    /** Interrupts the task at work, if it may be interrupted, and lets no task begin from now on. */
    public void interrupt() {
        synchronized (interruption) {
            stopping = true;
            if (interruptible != null) {
                interruptible.interrupt();
            }
        }
        worker.shutdown();
    }

    /**
     * Waits until the interrupted task and those queued have ended; answers false when they have not within
     * {@code wait}, and interrupts whatever runs then.
     */
    public boolean awaitEnd(Duration wait) throws InterruptedException {
        if (worker.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        worker.shutdownNow();
        return false;
    }

    /** A task that had not begun when its node started to stop. */
    public static final class NodeStopping extends InterruptedException {
        NodeStopping() {
            super("The node is stopping");
        }
    }
}
