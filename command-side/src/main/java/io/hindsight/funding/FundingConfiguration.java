package io.hindsight.funding;

import io.hindsight.account.api.Resign;
import io.hindsight.command.AccountLeaving;
import io.hindsight.command.TakingTurns;
import io.hindsight.funding.api.CampaignCommand;
import io.hindsight.funding.api.CampaignId;
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
        return AccountLeaving.forEach(publishers::openCampaignsOf, PublisherLeft::new);
    }

    /** A popular campaign's fundings stream in from many backers while its publisher edits or withdraws it. */
    @Bean
    TakingTurns<CampaignCommand> campaignTurns() {
        return TakingTurns.of(
                "campaign",
                CampaignCommand.class,
                command -> command.campaignId().value());
    }

    /** The end settles every hold, as a cancellation does. */
    @Bean
    TakingTurns<CampaignEnd> campaignEndTurns() {
        return TakingTurns.of(
                "campaign", CampaignEnd.class, end -> end.campaignId().value());
    }

    /**
     * A resignation withdraws its publisher's open campaigns, refunding every backer: it waits for the fundings in
     * flight to them, and the fundings sent meanwhile wait for it, as for a withdrawal.
     */
    @Bean
    TakingTurns<Resign> resigningPublisherTurns(CampaignPublishers publishers) {
        return TakingTurns.ofEach(
                "campaign",
                Resign.class,
                resign -> publishers.openCampaignsOf(resign.accountId()).stream()
                        .map(CampaignId::value)
                        .toList());
    }
}
