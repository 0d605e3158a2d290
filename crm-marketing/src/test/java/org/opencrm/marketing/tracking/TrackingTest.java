package org.opencrm.marketing.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.marketing.Fixtures.contact;
import static org.opencrm.marketing.Fixtures.template;
import static org.opencrm.marketing.Fixtures.unique;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.marketing.MarketingTest;
import org.opencrm.marketing.campaign.CampaignCommand;
import org.opencrm.marketing.campaign.CampaignService;
import org.opencrm.marketing.campaign.CampaignType;
import org.springframework.beans.factory.annotation.Autowired;

class TrackingTest extends MarketingTest {

	@Autowired
	TrackingService tracking;

	@Autowired
	TrackingTokens tokens;

	@Autowired
	CampaignService campaigns;

	record Sent(long contactId, long sendId, long campaignId) {
	}

	Sent sendOne(String u) {
		long person = contact(jdbc, "Tom", "tom-" + u + "@example.com", u, true, null);
		long id = campaigns.create(new CampaignCommand("Track " + u, CampaignType.EMAIL, null, null, null, null,
				segments.define(u), template(jdbc, "T " + u), 0));
		campaigns.schedule(id, 0, null);
		campaigns.startDue();
		sendAll(10);
		long sendId = jdbc.sql("select id from email_sends where campaign_id = ?").param(id).query(Long.class).single();
		return new Sent(person, sendId, id);
	}

	List<String> campaignTimeline(long contactId) {
		// Stored as key + arguments; crm-web renders them in the reader's language.
		return jdbc.sql("""
				select subject_key || ': ' || (subject_args -> 0 ->> 'text') from interactions
				where contact_id = ? and kind = 'CAMPAIGN'
				""").param(contactId).query(String.class).list();
	}

	@Test
	void theFirstOpenLandsOnTheTimelineAndCountsOnceHoweverOftenItHappens() {
		Sent s = sendOne(unique());

		tracking.opened(tokens.open(s.sendId()));
		tracking.opened(tokens.open(s.sendId()));

		assertThat(campaigns.report(s.campaignId()).opened()).isEqualTo(1);
		assertThat(campaignTimeline(s.contactId())).containsExactlyInAnyOrder(
				"timeline.campaign.opened: Track " + tag(s), "timeline.campaign.sent: Track " + tag(s));
	}

	private String tag(Sent s) {
		return jdbc.sql("select name from campaigns where id = ?")
			.param(s.campaignId())
			.query(String.class)
			.single()
			.substring("Track ".length());
	}

	@Test
	void aClickRedirectsOnlyToTheSignedUrlAndCountsAsAnOpen() {
		Sent s = sendOne(unique());

		String target = tracking.clicked(tokens.click(s.sendId(), "https://example.com/offer?a=1&b=2"));

		assertThat(target).isEqualTo("https://example.com/offer?a=1&b=2");
		var report = campaigns.report(s.campaignId());
		assertThat(report.clicked()).isEqualTo(1);
		assertThat(report.opened()).isEqualTo(1);
	}

	@Test
	void forgedOrAlteredTokensAreRejected() {
		Sent s = sendOne(unique());
		String good = tokens.click(s.sendId(), "https://example.com/");
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("c:" + s.sendId() + ":https://evil.test/").getBytes(StandardCharsets.UTF_8));
		String altered = payload + good.substring(good.indexOf('.'));

		assertThatThrownBy(() -> tracking.clicked(altered)).isInstanceOf(InvalidTokenException.class);
		assertThatThrownBy(() -> tracking.clicked("garbage")).isInstanceOf(InvalidTokenException.class);
		assertThatThrownBy(() -> tracking.opened(good)).isInstanceOf(InvalidTokenException.class); // wrong
																									// kind
		assertThatThrownBy(() -> tracking.unsubscribe(tokens.open(s.sendId())))
			.isInstanceOf(InvalidTokenException.class);
		assertThatThrownBy(() -> tracking.unsubscribeRequest("x.y")).isInstanceOf(InvalidTokenException.class);
		assertThat(campaigns.report(s.campaignId()).clicked()).isZero();
	}

	@Test
	void unsubscribingTurnsConsentOffSuppressesTheAddressAndIsOnTheTimeline() {
		String u = unique();
		Sent s = sendOne(u);
		String token = tokens.unsubscribe(s.sendId());
		assertThat(tracking.unsubscribeRequest(token).alreadyDone()).isFalse();

		tracking.unsubscribe(token);
		tracking.unsubscribe(token);

		assertThat(jdbc.sql("select consent_email from contacts where id = ?")
			.param(s.contactId())
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(tracking.unsubscribeRequest(token).alreadyDone()).isTrue();
		assertThat(campaigns.report(s.campaignId()).unsubscribed()).isEqualTo(1);
		assertThat(campaignTimeline(s.contactId())).contains("timeline.campaign.unsubscribed: Track " + u);
	}

	@Test
	void unsubscribingWithdrawsConsentFromEveryContactSharingTheAddressThroughTheirRecords() {
		String u = unique();
		Sent s = sendOne(u);
		long twin = contact(jdbc, "Tim", "TOM-" + u + "@example.com", "twin" + u, true, null);
		long versionBefore = jdbc.sql("select version from contacts where id = ?")
			.param(twin)
			.query(Long.class)
			.single();

		tracking.unsubscribe(tokens.unsubscribe(s.sendId()));

		assertThat(
				jdbc.sql("select consent_email from contacts where id = ?").param(twin).query(Boolean.class).single())
			.isFalse();
		// Its version moved (an edit form loaded before conflicts) and its field history
		// says so.
		assertThat(jdbc.sql("select version from contacts where id = ?").param(twin).query(Long.class).single())
			.isEqualTo(versionBefore + 1);
		assertThat(jdbc.sql("""
				select old_value || ' -> ' || new_value from audit_log
				where entity_type = 'contact' and entity_id = ? and field = 'consentEmail'
				""").param(twin).query(String.class).list()).containsExactly("true -> false");
	}

}
