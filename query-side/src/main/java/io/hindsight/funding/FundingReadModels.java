package io.hindsight.funding;

import io.hindsight.funding.api.CampaignEvent;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.ReadModels;
import io.hindsight.projection.TextMatch;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class FundingReadModels {

    public static final String CAMPAIGNS = "funding-campaigns";

    @Bean
    public ReadModel<CampaignView> campaigns(ReadModels readModels, CampaignBackers backers) {
        return readModels
                .define(CAMPAIGNS, CampaignEvent.class, CampaignView.class, new CampaignFold())
                .storedIn(
                        "funding_campaign_view",
                        view -> Map.of(
                                "publisher_id", view.publisherId(),
                                "status", view.status().name(),
                                "title_lower", TextMatch.folded(view.title()),
                                "total_funded", view.totalFunded(),
                                "created_at", Timestamp.from(view.createdAt())))
                .audited(FundingReadModels::businessFields)
                .followedBy(backers)
                .build();
    }

    /** What an auditor compares: the campaign's terms, status and figures, not the list of backers. */
    private static Map<String, Object> businessFields(CampaignView view) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", view.title());
        fields.put("description", view.description());
        fields.put("targetAmount", view.targetAmount());
        fields.put("fundingUnit", view.fundingUnit());
        fields.put("endsAt", view.endsAt());
        fields.put("status", view.status());
        fields.put("totalFunded", view.totalFunded());
        fields.put("participants", view.participants());
        return fields;
    }
}
