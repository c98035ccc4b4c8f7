package io.hindsight.funding;

import io.hindsight.command.AccountLeaving;
import io.hindsight.funding.api.PublisherLeft;
import io.hindsight.funding.guard.CampaignPublishers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FundingProperties.class)
public class FundingConfiguration {

    /** A resigning publisher's campaigns still taking money are withdrawn and their backers refunded. */
    @Bean
    AccountLeaving publisherLeaving(CampaignPublishers publishers) {
        return AccountLeaving.forEach(publishers::campaignsOf, PublisherLeft::new);
    }
}
