package io.hindsight.platform.axon;

import io.hindsight.platform.privacy.PersonalDataKeys;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;

/**
 * What every aggregate's repository gets: a lock that is waited for at most 1.5 s, snapshots
 * ({@link AggregateSnapshotConfiguration}), a {@link FreshAggregateCache} of its own (Axon keys caches by
 * aggregate id alone, so one shared cache would hand one type's aggregate to another's repository), and
 * {@code @Aggregate(filterEventsByType = true)} honoured - Axon 4.13's Spring aggregate lookup drops that
 * flag when it registers each aggregate's configurer, and without it a command naming the id of an
 * aggregate of another type replays that aggregate's events and fails with a 500 instead of a 404.
 */
@Component
public class AggregateConfigurerDefaults implements BeanFactoryPostProcessor {

    private static final String CACHE_PREFIX = "aggregateCache.";
    private static final int CACHED_AGGREGATES_PER_TYPE = 10_000;
    private static final String LOCK_FACTORY = "aggregateLockFactory";

    /**
     * Commands to one aggregate on one node take turns; a command waits at most 1.5 s for its turn (Axon's
     * default is a minute), then it is a 503. Behind a command stuck on a hung database the queue would
     * otherwise grow by a socket timeout per command.
     */
    @Bean(LOCK_FACTORY)
    public static LockFactory aggregateLockFactory() {
        return PessimisticLockFactory.builder()
                .acquireAttempts(150)
                .lockAttemptTimeout(10)
                .build();
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (!SpringAggregateConfigurer.class.getName().equals(definition.getBeanClassName())) {
                continue;
            }
            ValueHolder aggregateType =
                    definition.getConstructorArgumentValues().getIndexedArgumentValue(0, Class.class);
            if (aggregateType != null && aggregateType.getValue() instanceof Class<?> type) {
                Aggregate aggregate = AnnotatedElementUtils.findMergedAnnotation(type, Aggregate.class);
                if (aggregate != null && aggregate.filterEventsByType()) {
                    definition.getPropertyValues().add("filterEventsByType", true);
                }
                if (aggregate != null
                        && aggregate.repository().isEmpty()
                        && aggregate.lockFactory().isEmpty()) {
                    definition.getPropertyValues().add("lockFactory", LOCK_FACTORY);
                }
                if (aggregate != null
                        && aggregate.repository().isEmpty()
                        && aggregate.snapshotTriggerDefinition().isEmpty()) {
                    definition
                            .getPropertyValues()
                            .add("snapshotTriggerDefinition", AggregateSnapshotConfiguration.TRIGGER);
                }
                if (aggregate != null
                        && aggregate.repository().isEmpty()
                        && aggregate.cache().isEmpty()) {
                    String cacheName = CACHE_PREFIX + type.getName();
                    ((BeanDefinitionRegistry) beanFactory)
                            .registerBeanDefinition(
                                    cacheName,
                                    BeanDefinitionBuilder.genericBeanDefinition(FreshAggregateCache.class)
                                            .addConstructorArgReference("eventStorageEngine")
                                            .addConstructorArgValue(CACHED_AGGREGATES_PER_TYPE)
                                            .addConstructorArgValue(PersonalDataKeys.CACHED_FOR)
                                            .getBeanDefinition());
                    definition.getPropertyValues().add("cache", cacheName);
                }
            }
        }
    }
}
