package org.opencrm.marketing.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.contacts;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.marketing.MarketingTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A campaign's lifecycle (DRAFT ⇄ SCHEDULED → SENDING → SENT, or CANCELLED) and plan
 * rules, held by the {@link Campaign} aggregate on real PostgreSQL: every refused move
 * names its rule and changes nothing.
 */
class CampaignLifecycleTest extends MarketingTest {

	@Autowired
	CampaignService campaigns;

	@Autowired
	CampaignQuery query;

	private CampaignCommand email(String name, Long segment, Long template, long version) {
		return new CampaignCommand(name, CampaignType.EMAIL, null, null, null, null, segment, template, version);
	}

	/**
	 * A draft e-mail campaign to {@code n} consenting contacts tagged with a fresh tag.
	 */
	private long draftTo(String tag, int n) {
		contacts(jdbc, tag, n, true);
		return campaigns.create(email("Launch " + tag, segments.define(tag), template(jdbc, "T " + tag), 0));
	}

	private long count(String name) {
		return jdbc.sql("select count(*) from campaigns where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void aNewCampaignIsADraftAndSchedulingItMovesItsVersion() {
		long id = draftTo(unique(), 2);
		assertThat(query.details(id).status()).isEqualTo(CampaignStatus.DRAFT);

		Instant tomorrow = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

		campaigns.schedule(id, 0, tomorrow);

		CampaignDetails scheduled = query.details(id);
		assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
		assertThat(scheduled.scheduledAt()).isEqualTo(tomorrow);
		assertThat(scheduled.version()).isEqualTo(1);
	}

	@Test
	void aCampaignIsNotScheduledWithoutATemplateASegmentOrAnyoneWhoMayGetIt() {
		String tag = unique();
		long noTemplate = campaigns.create(email("No template " + tag, segments.define(tag), null, 0));
		long noSegment = campaigns.create(email("No segment " + tag, null, template(jdbc, "T " + tag), 0));
		contacts(jdbc, tag, 2, false);
		long nobody = campaigns.create(email("Nobody " + tag, segments.define(tag), template(jdbc, "U " + tag), 0));

		assertThatThrownBy(() -> campaigns.schedule(noTemplate, 0, null)).hasFieldOrPropertyWithValue("code",
				"campaign.template.required");
		assertThatThrownBy(() -> campaigns.schedule(noSegment, 0, null)).hasFieldOrPropertyWithValue("code",
				"campaign.segment.required");
		assertThatThrownBy(() -> campaigns.schedule(nobody, 0, null)).hasFieldOrPropertyWithValue("code",
				"campaign.noRecipients");
		assertThat(query.details(nobody).status()).isEqualTo(CampaignStatus.DRAFT);
		assertThat(query.details(nobody).version()).isZero();
	}

	@Test
	void onlyAnEmailCampaignIsScheduled() {
		String tag = unique();
		long id = campaigns.create(new CampaignCommand("Fair " + tag, CampaignType.EVENT, null, null, null, null,
				segments.define(tag), template(jdbc, "T " + tag), 0));

		assertThatThrownBy(() -> campaigns.schedule(id, 0, null)).hasFieldOrPropertyWithValue("code",
				"campaign.notEmail");
		assertThat(query.details(id).status()).isEqualTo(CampaignStatus.DRAFT);
	}

	@Test
	void aSendingCampaignCanNotBeChangedOrScheduledAgain() {
		String tag = unique();
		long id = draftTo(tag, 1);
		campaigns.schedule(id, 0, null);
		assertThat(campaigns.startDue()).contains(id);
		CampaignDetails sending = query.details(id);
		assertThat(sending.status()).isEqualTo(CampaignStatus.SENDING);

		assertThatThrownBy(() -> campaigns.update(id,
				email("Renamed " + tag, sending.segmentId(), sending.templateId(), sending.version())))
			.hasFieldOrPropertyWithValue("code", "campaign.notEditable");
		assertThatThrownBy(() -> campaigns.schedule(id, sending.version(), null)).hasFieldOrPropertyWithValue("code",
				"campaign.notEditable");
		assertThat(query.details(id).name()).isEqualTo("Launch " + tag);
		assertThat(query.details(id).version()).isEqualTo(sending.version());
	}

	@Test
	void cancellingASendingCampaignFailsItsWaitingMailAndACancelledOneStaysCancelled() {
		long id = draftTo(unique(), 3);
		campaigns.schedule(id, 0, null);
		campaigns.startDue();
		long version = query.details(id).version();

		campaigns.cancel(id, version);

		assertThat(query.details(id).status()).isEqualTo(CampaignStatus.CANCELLED);
		assertThat(jdbc.sql("select count(*) from email_sends where campaign_id = ? and status = 'FAILED'")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThatThrownBy(() -> campaigns.cancel(id, version + 1)).hasFieldOrPropertyWithValue("code",
				"campaign.notCancellable");
		assertThatThrownBy(() -> campaigns.schedule(id, version + 1, null)).hasFieldOrPropertyWithValue("code",
				"campaign.notEditable");
	}

	@Test
	void aCampaignScheduledForLaterDoesNotStartBeforeItsTime() {
		long id = draftTo(unique(), 1);
		campaigns.schedule(id, 0, clock.instant().plus(Duration.ofHours(2)));

		assertThat(campaigns.startDue()).doesNotContain(id);

		assertThat(query.details(id).status()).isEqualTo(CampaignStatus.SCHEDULED);
		assertThat(
				jdbc.sql("select count(*) from email_sends where campaign_id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void onlyAScheduledCampaignThatIsDueStartsSending() {
		Campaign draft = new Campaign(email("Draft", 1L, 1L, 0), null);
		Instant now = clock.instant();

		assertThatThrownBy(() -> draft.startSending(now)).hasFieldOrPropertyWithValue("code", "campaign.notScheduled");
		draft.schedule(now.plusSeconds(60), () -> 1);
		assertThatThrownBy(() -> draft.startSending(now)).hasFieldOrPropertyWithValue("code", "campaign.notScheduled");
		draft.startSending(now.plusSeconds(60));
		assertThat(draft.status()).isEqualTo(CampaignStatus.SENDING);
	}

	@Test
	void aBadPlanIsRefusedWithItsRuleAndNothingIsSaved() {
		String name = "Bad " + unique();
		LocalDate may = LocalDate.of(2030, 5, 1);

		assertThatThrownBy(() -> campaigns.create(
				new CampaignCommand(name, CampaignType.ADS, new BigDecimal("-1"), "EUR", null, null, null, null, 0)))
			.hasFieldOrPropertyWithValue("code", "money.amount.negative");
		assertThatThrownBy(() -> campaigns
			.create(new CampaignCommand(name, CampaignType.ADS, BigDecimal.TEN, "€", null, null, null, null, 0)))
			.hasFieldOrPropertyWithValue("code", "money.currency.invalid");
		assertThatThrownBy(() -> campaigns
			.create(new CampaignCommand(name, CampaignType.ADS, null, null, may, may.minusDays(1), null, null, 0)))
			.hasFieldOrPropertyWithValue("code", "campaign.dates.order");
		assertThatThrownBy(() -> campaigns
			.create(new CampaignCommand(" ", CampaignType.ADS, null, null, null, null, null, null, 0)))
			.hasFieldOrPropertyWithValue("code", "campaign.name.required");
		assertThatThrownBy(
				() -> campaigns.create(new CampaignCommand(name, null, null, null, null, null, null, null, 0)))
			.hasFieldOrPropertyWithValue("code", "campaign.type.required");
		assertThatThrownBy(() -> campaigns.create(email(name, null, -5L, 0))).hasFieldOrPropertyWithValue("code",
				"campaign.template.unknown");
		assertThat(count(name)).isZero();
	}

	@Test
	void aBadChangeLeavesThePlanAsItWas() {
		String tag = unique();
		long id = campaigns.create(
				new CampaignCommand("Plan " + tag, CampaignType.ADS, BigDecimal.TEN, "eur", null, null, null, null, 0));

		assertThatThrownBy(() -> campaigns.update(id, new CampaignCommand("Plan " + tag, CampaignType.ADS,
				new BigDecimal("-5"), "EUR", null, null, null, null, 0)))
			.isInstanceOf(RuleViolationException.class);

		CampaignDetails plan = query.details(id);
		assertThat(plan.budget()).isEqualByComparingTo("10");
		assertThat(plan.currency()).isEqualTo("EUR");
		assertThat(plan.version()).isZero();
	}

	@Test
	void anEditOnAStaleVersionConflicts() {
		String tag = unique();
		long id = campaigns
			.create(new CampaignCommand("Stale " + tag, CampaignType.ADS, null, null, null, null, null, null, 0));
		campaigns.update(id,
				new CampaignCommand("First " + tag, CampaignType.ADS, null, null, null, null, null, null, 0));

		assertThatThrownBy(() -> campaigns.update(id,
				new CampaignCommand("Second " + tag, CampaignType.ADS, null, null, null, null, null, null, 0)))
			.isInstanceOf(StaleEditException.class);
		assertThatThrownBy(() -> campaigns.cancel(id, 0)).isInstanceOf(StaleEditException.class);
		assertThat(query.details(id).name()).isEqualTo("First " + tag);
		assertThat(query.details(id).status()).isEqualTo(CampaignStatus.DRAFT);
	}

}
