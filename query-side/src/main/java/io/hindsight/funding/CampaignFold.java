package io.hindsight.funding;

import io.hindsight.funding.api.CampaignCanceled;
import io.hindsight.funding.api.CampaignClosed;
import io.hindsight.funding.api.CampaignCreated;
import io.hindsight.funding.api.CampaignEdited;
import io.hindsight.funding.api.CampaignFailed;
import io.hindsight.funding.api.CampaignFunded;
import io.hindsight.funding.api.CampaignStatus;
import io.hindsight.funding.api.CampaignSucceeded;
import io.hindsight.funding.api.CampaignWithdrawn;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;

/** The campaign view as a fold of the campaign's events. */
public final class CampaignFold implements Fold<CampaignView> {

    @Override
    public CampaignView apply(CampaignView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof CampaignCreated created) {
            return new CampaignView(
                    created.campaignId().value(),
                    created.publisherId().value(),
                    created.title(),
                    created.description(),
                    created.targetAmount(),
                    created.fundingUnit(),
                    created.endsAt(),
                    created.zone(),
                    CampaignStatus.FUNDING,
                    event.timestamp(),
                    null,
                    0,
                    0);
        }
        if (payload instanceof CampaignEdited edited) {
            return new CampaignView(
                    view.campaignId(),
                    view.publisherId(),
                    edited.title(),
                    edited.description(),
                    view.targetAmount(),
                    edited.fundingUnit(),
                    edited.endsAt(),
                    view.zone(),
                    view.status(),
                    view.createdAt(),
                    view.endedAt(),
                    view.totalFunded(),
                    view.participants());
        }
        if (payload instanceof CampaignFunded funded) {
            return new CampaignView(
                    view.campaignId(),
                    view.publisherId(),
                    view.title(),
                    view.description(),
                    view.targetAmount(),
                    view.fundingUnit(),
                    view.endsAt(),
                    view.zone(),
                    view.status(),
                    view.createdAt(),
                    view.endedAt(),
                    view.totalFunded() + funded.amount(),
                    view.participants() + 1);
        }
        if (payload instanceof CampaignSucceeded) {
            return view.with(CampaignStatus.SUCCESS, event.timestamp());
        }
        if (payload instanceof CampaignFailed || payload instanceof CampaignCanceled) {
            return view.with(CampaignStatus.CANCEL, event.timestamp());
        }
        if (payload instanceof CampaignWithdrawn) {
            return view.with(CampaignStatus.WITHDRAWN, event.timestamp());
        }
        if (payload instanceof CampaignClosed) {
            return view.with(CampaignStatus.CLOSED, event.timestamp());
        }
        return view;
    }
}
