package org.opencrm.sales.opportunity;

import java.time.Instant;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.sales.pipeline.Stage;
import org.springframework.stereotype.Component;

/**
 * Puts a deal's stage changes on its account's (and contact's) timeline, as DEAL entries.
 */
@Component
class StageTimeline {

	private final TimelineService timeline;

	StageTimeline(TimelineService timeline) {
		this.timeline = timeline;
	}

	/**
	 * @param fromStageId null when the deal was just opened
	 */
	void record(Opportunity deal, Long fromStageId, Stage to, Instant at) {
		TimelineText subject = fromStageId == null ? TimelineText.of("timeline.deal.opened", deal.name(), to.name())
				: TimelineText.of("timeline.deal.moved", deal.name(), to.name());
		TimelineText body = TimelineText.of("timeline.deal.figures", deal.money(), to.probability());
		timeline.record(new RecordInteraction(InteractionKind.DEAL, at, deal.accountId(), deal.primaryContactId(),
				subject, body, "sales", "opportunity:" + deal.getId()));
	}

	void record(Opportunity deal, Opportunity.StageMove move) {
		record(deal, move.fromStageId(), move.to(), move.at());
	}

}
