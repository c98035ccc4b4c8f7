package io.hindsight.funding;

import io.hindsight.command.AccountLeaving;
import io.hindsight.command.TakingTurns;
import io.hindsight.funding.api.CampaignCommand;
import io.hindsight.funding.api.PublisherLeft;
import io.hindsight.funding.guard.CampaignPublishers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FundingProperties.class)
public class FundingConfiguration {

    /**
     * A resigning publisher's campaigns still taking money are withdrawn and their backers refunded. Losing PUBLISHER
     * alone leaves them running: a campaign ends by its own deadline and pays into a wallet its publisher still has.
     */
    @Bean
    AccountLeaving publisherLeaving(CampaignPublishers publishers) {
        return AccountLeaving.forEach(publishers::campaignsOf, PublisherLeft::new);
    }

    /** A popular campaign's fundings stream in from many backers while its publisher edits or withdraws it. */
    @Bean
    TakingTurns<CampaignCommand> campaignTurns() {
        return TakingTurns.of(
                "campaign",
                CampaignCommand.class,
                command -> command.campaignId().value());
    }
}
