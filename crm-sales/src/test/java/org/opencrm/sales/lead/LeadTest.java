package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;

/** The lead's own rules: its fields and its status flow, without a database. */
class LeadTest {

	static final Instant NOW = Instant.parse("2030-11-14T10:00:00Z");

	static LeadCommand command(String first, String last, String email, Integer size, String source) {
		return new LeadCommand(first, last, email, null, null, null, null, null, size, source, null, null, null, 0);
	}

	static Lead lead() {
		return new Lead(command(" Ada ", " Lovelace ", " ada@example.com ", 12, " web "), 7L);
	}

	static void refused(ThrowingCallable change, String rule) {
		assertThatThrownBy(change).isInstanceOfSatisfying(RuleViolationException.class,
				e -> assertThat(e.code()).isEqualTo(rule));
	}

	@Test
	void aNewLeadIsNewWithItsFieldsTrimmedAndItsOwner() {
		Lead lead = lead();

		assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
		assertThat(lead.fullName()).isEqualTo("Ada Lovelace");
		assertThat(lead.email()).isEqualTo("ada@example.com");
		assertThat(lead.source()).isEqualTo("web");
		assertThat(lead.ownerId()).isEqualTo(7L);
	}

	@Test
	void badFieldsAreRefusedWithTheirRule() {
		refused(() -> new Lead(command("A", " ", null, null, "web"), null), "lead.lastName.required");
		refused(() -> new Lead(command("A", "x".repeat(101), null, null, "web"), null), "lead.lastName.required");
		refused(() -> new Lead(command("A", "B", null, null, " "), null), "lead.source.required");
		refused(() -> new Lead(command("A", "B", null, null, "s".repeat(51)), null), "lead.source.required");
		refused(() -> new Lead(command("A", "B", "not-an-email", null, "web"), null), "email.invalid");
		refused(() -> new Lead(command("A", "B", null, -1, "web"), null), "lead.companySize.negative");
		Lead lead = lead();
		refused(() -> lead.edit(command("A", "", null, null, "web"), 7L), "lead.lastName.required");
		assertThat(lead.lastName()).isEqualTo("Lovelace");
	}

	@Test
	void aLeadMovesAlongItsStatusFlowAndReopensFromDisqualified() {
		Lead lead = lead();

		lead.changeStatus(LeadStatus.WORKING, null, NOW);
		lead.changeStatus(LeadStatus.QUALIFIED, null, NOW);
		lead.changeStatus(LeadStatus.DISQUALIFIED, " No budget ", NOW);
		assertThat(lead.status()).isEqualTo(LeadStatus.DISQUALIFIED);
		lead.changeStatus(LeadStatus.WORKING, null, NOW);

		assertThat(lead.status()).isEqualTo(LeadStatus.WORKING);
	}

	@Test
	void aWrongTransitionIsRefusedAndTheStatusStays() {
		Lead lead = lead();
		lead.changeStatus(LeadStatus.DISQUALIFIED, "Student", NOW);

		refused(() -> lead.changeStatus(LeadStatus.QUALIFIED, null, NOW), "lead.status.notAllowed");
		refused(() -> lead.changeStatus(LeadStatus.DISQUALIFIED, "Again", NOW), "lead.status.notAllowed");
		refused(() -> lead.changeStatus(LeadStatus.CONVERTED, null, NOW), "lead.status.convertAction");
		assertThat(lead.status()).isEqualTo(LeadStatus.DISQUALIFIED);
	}

	@Test
	void disqualifyingNeedsAShortReason() {
		Lead lead = lead();

		refused(() -> lead.changeStatus(LeadStatus.DISQUALIFIED, "  ", NOW), "lead.disqualify.reason");
		refused(() -> lead.changeStatus(LeadStatus.DISQUALIFIED, "r".repeat(201), NOW), "lead.disqualify.reasonLength");
		assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
	}

	@Test
	void workOnANewLeadMakesItWorkingAndLeavesOtherStatusesAlone() {
		Lead fresh = lead();
		Lead qualified = lead();
		qualified.changeStatus(LeadStatus.QUALIFIED, null, NOW);

		fresh.touch(NOW);
		qualified.touch(NOW);

		assertThat(fresh.status()).isEqualTo(LeadStatus.WORKING);
		assertThat(qualified.status()).isEqualTo(LeadStatus.QUALIFIED);
	}

	@Test
	void onlyAQualifiedLeadConvertsAndOnlyOnce() {
		Lead lead = lead();
		refused(() -> lead.markConverted(1, 2, null, NOW), "lead.convert.notQualified");
		lead.changeStatus(LeadStatus.DISQUALIFIED, "No budget", NOW);
		refused(() -> lead.markConverted(1, 2, null, NOW), "lead.convert.disqualified");
		lead.changeStatus(LeadStatus.WORKING, null, NOW);
		lead.changeStatus(LeadStatus.QUALIFIED, null, NOW);

		lead.markConverted(1, 2, 3L, NOW);

		assertThat(lead.status()).isEqualTo(LeadStatus.CONVERTED);
		refused(() -> lead.markConverted(4, 5, null, NOW), "lead.convert.already");
	}

	@Test
	void aConvertedLeadIsReadOnly() {
		Lead lead = lead();
		lead.changeStatus(LeadStatus.QUALIFIED, null, NOW);
		lead.markConverted(1, 2, null, NOW);

		refused(() -> lead.edit(command("Ada", "Byron", null, null, "web"), 7L), "lead.converted.readOnly");
		refused(() -> lead.changeStatus(LeadStatus.WORKING, null, NOW), "lead.status.notAllowed");
		assertThat(lead.lastName()).isEqualTo("Lovelace");
	}

	@Test
	void aRecaptureFillsOnlyWhatTheLeadLacksAndTakesTheNewerCampaign() {
		Lead lead = new Lead(command(null, "Lovelace", "ada@example.com", null, "web"), null);

		lead.recapture(new LeadCommand("Ada", "Other", "x@example.com", "+44 1", "Engines Ltd", null, null, null, 40,
				"fair", null, 9L, null, 0), NOW);

		assertThat(lead.fullName()).isEqualTo("Ada Lovelace");
		assertThat(lead.email()).isEqualTo("ada@example.com");
		assertThat(lead.company()).isEqualTo("Engines Ltd");
		assertThat(lead.companySize()).isEqualTo(40);
		assertThat(lead.source()).isEqualTo("web");
		assertThat(lead.campaignId()).isEqualTo(9L);
	}

}
