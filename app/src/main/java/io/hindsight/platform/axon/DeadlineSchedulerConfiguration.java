package io.hindsight.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.hindsight.command.CommandRole;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Durable deadlines: Axon's DbSchedulerDeadlineManager on a db-scheduler {@link Scheduler} over the shared
 * database (AxonDbSchedulerAutoConfiguration contributes the task that runs them), so a deadline is a row
 * in {@code scheduled_tasks} that any command node runs when due, also after a restart.
 */
@CommandRole
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
public class DeadlineSchedulerConfiguration {

    /**
     * The transaction-aware data source makes scheduling a deadline part of the command's transaction: a
     * command that rolls back (a lost race, a broken rule) leaves no deadline behind. Deadlines fall due by the
     * cluster's clock, so a node whose own clock runs ahead does not run them early.
     */
    @Bean
    public Scheduler deadlineScheduler(
            DataSource dataSource, List<Task<?>> tasks, DeadlineProperties properties, Clock clock) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .tableName("scheduled_tasks")
                .clock(clock::instant)
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .heartbeatInterval(Duration.ofSeconds(30))
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    /**
     * As the auto-configuration would build it, plus the correlation data providers that command handling
     * has, so that events applied by a deadline carry an actor and correlation id like every other event.
     */
    @Bean
    public DeadlineManager deadlineManager(
            Scheduler deadlineScheduler,
            org.axonframework.config.Configuration configuration,
            @Qualifier("eventSerializer") Serializer serializer,
            TransactionManager transactionManager,
            List<CorrelationDataProvider> correlationDataProviders) {
        DbSchedulerDeadlineManager deadlineManager = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
        deadlineManager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders));
        return deadlineManager;
    }

    /**
     * Axon's task that runs due deadlines, but a deadline whose handling failed - it lost a race with a
     * command on another node, say, and was rolled back - is tried again after a second, then two, four...
     * instead of db-scheduler's default of five minutes later: a campaign's end must not wait that long. The waits
     * stop growing at {@code hindsight.deadlines.max-retry-delay} (5 minutes), so that what failed through a long
     * outage (a payment cancellation while the provider was down) runs soon after it ends.
     */
    @Bean
    @Qualifier("deadlineDetailsTask") public Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
            ApplicationContext context, DeadlineProperties properties) {
        Task<DbSchedulerBinaryDeadlineDetails> axonTask =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return new OneTimeTask<>(
                axonTask.getName(),
                DbSchedulerBinaryDeadlineDetails.class,
                new CappedBackoff<>(Duration.ofSeconds(1), properties.maxRetryDelay()),
                new DeadExecutionHandler.ReviveDeadExecution<>()) {
            @Override
            public void executeOnce(
                    TaskInstance<DbSchedulerBinaryDeadlineDetails> instance, ExecutionContext executionContext) {
                axonTask.execute(instance, executionContext);
            }
        };
    }

    @Bean
    public DeadlineSchedulerLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new DeadlineSchedulerLifecycle(deadlineScheduler);
    }

    /**
     * Runs deadlines only while the whole application is up: started when it is ready (due deadlines
     * then find their aggregates' repositories), stopped as soon as it begins to close.
     */
    public static class DeadlineSchedulerLifecycle {

        private final Scheduler scheduler;
        private final AtomicBoolean started = new AtomicBoolean();

        DeadlineSchedulerLifecycle(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            if (started.compareAndSet(false, true)) {
                scheduler.start();
            }
        }

        @EventListener(ContextClosedEvent.class)
        public void stop() {
            if (started.compareAndSet(true, false)) {
                scheduler.stop();
            }
        }
    }
}
