package io.hindsight.store;

import io.hindsight.store.payment.PortOneProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StoreProperties.class, PortOneProperties.class})
public class StoreConfiguration {}
