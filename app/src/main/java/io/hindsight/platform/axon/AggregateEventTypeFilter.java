package io.hindsight.platform.axon;

import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;

/**
 * Honours {@code @Aggregate(filterEventsByType = true)}, which Axon 4.13's Spring aggregate lookup drops
 * when it registers each aggregate's configurer. Without it, a command naming the id of an aggregate of
 * another type replays that aggregate's events and fails with a 500 instead of a 404.
 */
@Component
public class AggregateEventTypeFilter implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (!SpringAggregateConfigurer.class.getName().equals(definition.getBeanClassName())) {
                continue;
            }
            ValueHolder aggregateType = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, Class.class);
            if (aggregateType != null && aggregateType.getValue() instanceof Class<?> type) {
                Aggregate aggregate = AnnotatedElementUtils.findMergedAnnotation(type, Aggregate.class);
                if (aggregate != null && aggregate.filterEventsByType()) {
                    definition.getPropertyValues().add("filterEventsByType", true);
                }
            }
        }
    }
}
