package org.opencrm.sales.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.sales.SalesFixtures.unique;
import static org.opencrm.sales.SalesFixtures.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.opencrm.core.event.LeadConverted;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.opencrm.sales.SalesFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@SpringBootTest
@RecordApplicationEvents
class LeadServiceTest {

	@Autowired
	LeadService leads;

	@Autowired
	LeadConversion conversion;

	@Autowired
	LeadQuery query;

	@Autowired
	LeadDuplicates duplicates;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	private long qualifiedLead(String last, String email, String company, long owner) {
		long id = leads.create(lead("Quinn", last, email, company, owner), Visibility.all());
		leads.changeStatus(id, 0, LeadStatus.QUALIFIED, null, Visibility.all());
		return id;
	}

	private long version(long leadId) {
		return jdbc.sql("select version from leads where id = ?").param(leadId).query(Long.class).single();
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void duplicatesAreFoundBySameEmailAmongLeadsAndContacts() {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long lead = leads.create(lead("Dora", "Dupe" + u, "dora." + u + "@example.com", "Dupe Co", rep),
				Visibility.all());
		long account = SalesFixtures.account(jdbc, "Contact Co " + u);
		long contact = SalesFixtures.contact(jdbc, account, "Carl", "Contact" + u, "carl." + u + "@example.com");

		assertThat(duplicates.find("DORA." + u + "@example.com", "X", "Y", null, null)).singleElement().satisfies(m -> {
			assertThat(m.kind()).isEqualTo("lead");
			assertThat(m.id()).isEqualTo(lead);
			assertThat(m.reason()).isEqualTo("email");
		});
		assertThat(duplicates.find("carl." + u + "@example.com", "X", "Y", null, null)).singleElement().satisfies(m -> {
			assertThat(m.kind()).isEqualTo("contact");
			assertThat(m.id()).isEqualTo(contact);
		});
		assertThat(duplicates.find("dora." + u + "@example.com", "X", "Y", null, lead)).isEmpty();
	}

	@Test
	void duplicatesAreFoundByASimilarNameAtASimilarCompany() {
		String u = unique();
		long account = SalesFixtures.account(jdbc, "Similarworks " + u + " GmbH");
		long contact = SalesFixtures.contact(jdbc, account, "Bernadette", "Fitzgerald" + u, null);
		long lead = leads.create(lead("Bernadette", "Fitzgerald" + u, null, "Similarworks " + u, null),
				Visibility.all());

		assertThat(duplicates.find(null, "Bernadete", "Fitzgerald" + u, "Similarworks " + u + " AG", null))
			.extracting(LeadMatch::kind, LeadMatch::id, LeadMatch::reason)
			.contains(org.assertj.core.groups.Tuple.tuple("lead", lead, "name"),
					org.assertj.core.groups.Tuple.tuple("contact", contact, "name"));
		assertThat(duplicates.find(null, "Zacharias", "Quartermaine" + unique(), "Other", null)).isEmpty();
	}

	@Test
	void convertingAQualifiedLeadCreatesAccountContactAndDeal() {
		String u = unique();
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		SalesFixtures.TestPipeline p = SalesFixtures.pipeline(jdbc);
		long id = qualifiedLead("Convert" + u, "conv." + u + "@example.com", "Convertible " + u, rep);
		leads.logActivity(id, new LogLeadActivity("CALL", "Discovery call", "They need 20 seats", null, null),
				Visibility.all());

		Conversion c = conversion.convert(id,
				new ConvertLead(null, null, true, null, new BigDecimal("12000"), null, p.id(), version(id)),
				Visibility.all());

		assertThat(jdbc.sql("select name from accounts where id = ?").param(c.accountId()).query(String.class).single())
			.isEqualTo("Convertible " + u);
		assertThat(jdbc.sql("select account_id from contacts where id = ?")
			.param(c.contactId())
			.query(Long.class)
			.single()).isEqualTo(c.accountId());
		assertThat(c.opportunityId()).isNotNull();
		assertThat(count(
				"select count(*) from opportunities where id = ? and account_id = ? and primary_contact_id = ? and pipeline_id = ? and stage_id = ? and amount = 12000 and lead_id = ?",
				c.opportunityId(), c.accountId(), c.contactId(), p.id(), p.qualify(), id))
			.isEqualTo(1);
		LeadDetails converted = query.details(id, Visibility.all());
		assertThat(converted.status()).isEqualTo(LeadStatus.CONVERTED);
		assertThat(converted.convertedContactId()).isEqualTo(c.contactId());
		assertThat(converted.convertedOpportunityId()).isEqualTo(c.opportunityId());
		assertThat(jdbc.sql(
				"select body_key || ' ' || (body_args -> 0 ->> 'text') from interactions where contact_id = ? and kind = 'SYSTEM'")
			.param(c.contactId())
			.query(String.class)
			.single()).isEqualTo("timeline.lead.summary manual");
		assertThat(events.stream(LeadConverted.class)).anySatisfy(e -> {
			assertThat(e.leadId()).isEqualTo(id);
			assertThat(e.opportunityId()).isEqualTo(c.opportunityId());
		});
	}

	@Test
	void convertingIntoAnExistingAccountAndContactLinksThem() {
		String u = unique();
		long account = SalesFixtures.account(jdbc, "Existing " + u);
		long contact = SalesFixtures.contact(jdbc, account, "Erin", "Existing" + u, "erin." + u + "@example.com");
		long id = qualifiedLead("Existing" + u, "erin." + u + "@example.com", "Existing " + u,
				SalesFixtures.user(jdbc, "SALES_REP", null));

		Conversion c = conversion.convert(id,
				new ConvertLead(account, contact, false, null, null, null, null, version(id)), Visibility.all());

		assertThat(c.accountId()).isEqualTo(account);
		assertThat(c.contactId()).isEqualTo(contact);
		assertThat(c.opportunityId()).isNull();
		assertThat(count("select count(*) from accounts where name = ?", "Existing " + u)).isEqualTo(1);
		assertThat(count("select count(*) from contacts where account_id = ?", account)).isEqualTo(1);
	}

	@Test
	void anExistingContactOfAnotherAccountIsRefusedAndNothingIsWritten() {
		String u = unique();
		long theirs = SalesFixtures.account(jdbc, "Theirs " + u);
		long contact = SalesFixtures.contact(jdbc, theirs, "Otto", "Other" + u, "otto." + u + "@example.com");
		long id = qualifiedLead("Other" + u, "otto." + u + "@example.com", "Mine " + u,
				SalesFixtures.user(jdbc, "SALES_REP", null));

		assertThatThrownBy(() -> conversion.convert(id,
				new ConvertLead(null, contact, false, null, null, null, null, version(id)), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.convert.contactOtherAccount"));
		assertThat(count("select count(*) from accounts where name = ?", "Mine " + u)).isZero();
		assertThat(count("select count(*) from leads where id = ? and status = 'QUALIFIED'", id)).isEqualTo(1);
	}

	@Test
	void aLeadIsConvertedOnlyOnce() {
		long id = qualifiedLead("Twice" + unique(), null, "Twice Co", SalesFixtures.user(jdbc, "SALES_REP", null));
		conversion.convert(id, new ConvertLead(null, null, false, null, null, null, null, version(id)),
				Visibility.all());

		assertThatThrownBy(() -> conversion.convert(id,
				new ConvertLead(null, null, false, null, null, null, null, version(id)), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.convert.already"));
	}

	@Test
	void disqualifiedAndUnqualifiedLeadsAreNotConverted() {
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long fresh = leads.create(lead("New", "Fresh" + unique(), null, null, rep), Visibility.all());
		long dq = leads.create(lead("Dis", "Qualified" + unique(), null, null, rep), Visibility.all());
		assertThatThrownBy(() -> leads.changeStatus(dq, 0, LeadStatus.DISQUALIFIED, " ", Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.disqualify.reason"));
		leads.changeStatus(dq, 0, LeadStatus.DISQUALIFIED, "No budget", Visibility.all());

		assertThatThrownBy(() -> conversion.convert(dq,
				new ConvertLead(null, null, false, null, null, null, null, version(dq)), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.convert.disqualified"));
		assertThatThrownBy(() -> conversion.convert(fresh,
				new ConvertLead(null, null, false, null, null, null, null, 0), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.convert.notQualified"));
		assertThat(query.details(dq, Visibility.all()).disqualifiedReason()).isEqualTo("No budget");
	}

	@Test
	void aFailingDealLeavesNothingOfTheConversion() {
		String u = unique();
		long id = qualifiedLead("Rollback" + u, "rb." + u + "@example.com", "Rollback " + u,
				SalesFixtures.user(jdbc, "SALES_REP", null));
		long v = version(id);

		assertThatThrownBy(() -> conversion.convert(id,
				new ConvertLead(null, null, true, "Bad deal", new BigDecimal("-5"), null, null, v), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("money.amount.negative"));

		assertThat(count("select count(*) from accounts where name = ?", "Rollback " + u)).isZero();
		assertThat(count("select count(*) from contacts where email = ?", "rb." + u + "@example.com")).isZero();
		assertThat(count("select count(*) from opportunities where name = 'Bad deal' and lead_id = ?", id)).isZero();
		assertThat(query.details(id, Visibility.all()).status()).isEqualTo(LeadStatus.QUALIFIED);
		assertThat(version(id)).isEqualTo(v);
	}

	@Test
	void aStaleEditConflicts() {
		long id = leads.create(lead("Stale", "Lead" + unique(), null, null, null), Visibility.all());
		leads.update(id, lead("Stale", "Renamed", null, null, null), Visibility.all());

		assertThatThrownBy(() -> leads.update(id, lead("Stale", "Again", null, null, null), Visibility.all()))
			.isInstanceOf(StaleEditException.class);
	}

	@Test
	void repsSeeTheirOwnLeadsAndManagersTheirTeams() {
		long team = SalesFixtures.team(jdbc);
		long rep = SalesFixtures.user(jdbc, "SALES_REP", team);
		long rep2 = SalesFixtures.user(jdbc, "SALES_REP", team);
		long outsider = SalesFixtures.user(jdbc, "SALES_REP", null);
		long manager = SalesFixtures.user(jdbc, "MANAGER", team);
		long own = leads.create(lead("Own", "Lead" + unique(), null, null, rep), Visibility.all());
		long colleagues = leads.create(lead("Col", "Lead" + unique(), null, null, rep2), Visibility.all());
		long foreign = leads.create(lead("For", "Lead" + unique(), null, null, outsider), Visibility.all());
		Visibility repView = new Visibility(Visibility.Scope.OWN, rep, team);
		Visibility managerView = new Visibility(Visibility.Scope.TEAM, manager, team);

		assertThat(query.details(own, repView).id()).isEqualTo(own);
		assertThatThrownBy(() -> query.details(colleagues, repView)).isInstanceOf(NotFoundException.class);
		assertThat(query.details(colleagues, managerView).id()).isEqualTo(colleagues);
		assertThatThrownBy(() -> query.details(foreign, managerView)).isInstanceOf(NotFoundException.class);
		assertThat(query.list(new LeadFilter(null, null, null, null), repView, null, 100).items())
			.extracting(LeadRow::id)
			.containsExactly(own);
		assertThat(query.list(new LeadFilter(null, null, null, null), managerView, null, 100).items())
			.extracting(LeadRow::id)
			.containsExactlyInAnyOrder(own, colleagues);
		assertThatThrownBy(() -> leads.create(lead("Gift", "Lead" + unique(), null, null, outsider), repView))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("sales.owner.notAllowed"));
	}

	@Test
	void loggingACallSchedulesTheFollowUpAsATaskAboutTheLead() {
		long rep = SalesFixtures.user(jdbc, "SALES_REP", null);
		long id = leads.create(lead("Fol", "Low" + unique(), null, null, rep), Visibility.all());
		Instant due = Instant.now().plus(2, ChronoUnit.DAYS);

		leads.logActivity(id, new LogLeadActivity("CALL", "First call", null, "Send offer", due), Visibility.all());

		assertThat(query.activities(id, 10)).extracting(LeadActivity::subject).containsExactly("First call");
		assertThat(query.openTasks(id, 10)).singleElement()
			.satisfies(t -> assertThat(t.title()).isEqualTo("Send offer"));
		assertThat(query.details(id, Visibility.all()).status()).isEqualTo(LeadStatus.WORKING);
		assertThatThrownBy(
				() -> leads.logActivity(id, new LogLeadActivity("TICKET", "x", null, null, null), Visibility.all()))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void aCaptureUpdatesTheOpenLeadWithTheSameEmailElseCreatesOne() {
		String email = "cap." + unique() + "@example.com";
		long first = leads.capture(new LeadCommand(null, "Capture", email, null, null, null, null, null, null,
				"web-form", "Contact us", 7L, null, 0), "Call me");
		long second = leads.capture(new LeadCommand("Cara", "Capture", email, "+49 1", "Cap Co", null, null, null, null,
				"web-form", "Demo request", null, null, 0), null);

		assertThat(second).isEqualTo(first);
		LeadDetails lead = query.details(first, Visibility.all());
		assertThat(lead.firstName()).isEqualTo("Cara");
		assertThat(lead.company()).isEqualTo("Cap Co");
		assertThat(lead.campaignId()).isEqualTo(7L);
		assertThat(query.activities(first, 10)).extracting(LeadActivity::subject)
			.anyMatch(s -> s.startsWith("Captured again"));
	}

	@Test
	void badInputIsRefusedWithAClearRule() {
		assertThatThrownBy(() -> leads.create(lead("No", " ", null, null, null), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class,
					e -> assertThat(e.code()).isEqualTo("lead.lastName.required"));
		assertThatThrownBy(() -> leads.create(lead("Bad", "Mail", "not-an-email", null, null), Visibility.all()))
			.isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("email.invalid"));
	}

}
