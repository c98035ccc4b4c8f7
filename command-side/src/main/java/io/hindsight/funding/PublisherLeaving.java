package io.hindsight.funding;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.AccountLeaving;
import io.hindsight.command.Commands;
import io.hindsight.funding.api.PublisherLeft;
import io.hindsight.funding.guard.CampaignPublishers;
import org.springframework.stereotype.Component;

/** A resigning publisher's campaigns still taking money are withdrawn and their backers refunded. */
@Component
class PublisherLeaving implements AccountLeaving {

    private final CampaignPublishers publishers;

    PublisherLeaving(CampaignPublishers publishers) {
        this.publishers = publishers;
    }

    @Override
    public void leaving(AccountId accountId, Commands commands) {
        publishers.campaignsOf(accountId).forEach(campaign -> commands.send(new PublisherLeft(campaign, accountId)));
    }
}
