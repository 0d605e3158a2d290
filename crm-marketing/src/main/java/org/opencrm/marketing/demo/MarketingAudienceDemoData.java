package org.opencrm.marketing.demo;

import static org.opencrm.marketing.segment.SegmentNode.Criterion.of;

import java.util.List;
import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.opencrm.marketing.form.FormField;
import org.opencrm.marketing.form.FormFieldSpec;
import org.opencrm.marketing.form.FormService;
import org.opencrm.marketing.form.LeadFormCommand;
import org.opencrm.marketing.scoring.ScoringRule.Field;
import org.opencrm.marketing.scoring.ScoringRule.Kind;
import org.opencrm.marketing.scoring.ScoringRule.Operator;
import org.opencrm.marketing.scoring.ScoringRuleCommand;
import org.opencrm.marketing.scoring.ScoringService;
import org.opencrm.marketing.segment.SegmentCommand;
import org.opencrm.marketing.segment.SegmentKind;
import org.opencrm.marketing.segment.SegmentNode.Group;
import org.opencrm.marketing.segment.SegmentService;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The marketing team's audiences: a handful of segments (one a static list of trade-fair
 * visitors), the "Contact us" and "Webinar sign-up" forms, and a scoring model. A few
 * dozen statements, so every web test context can afford it.
 */
@Component
@Order(30)
class MarketingAudienceDemoData implements DemoDataContributor {

	private final SegmentService segments;

	private final FormService forms;

	private final ScoringService scoring;

	private final JdbcClient jdbc;

	MarketingAudienceDemoData(SegmentService segments, FormService forms, ScoringService scoring, JdbcClient jdbc) {
		this.segments = segments;
		this.forms = forms;
		this.scoring = scoring;
		this.jdbc = jdbc;
	}

	@Override
	public void contribute(DemoContext ctx) {
		dynamic("Customers in Germany", "Every customer contact based in Germany.",
				Group.and(of("stage", "in", "CUSTOMER"), of("country", "in", "Germany")));
		dynamic("Leads with score ≥ 50", "Contacts whose lead scored at least 50 points.",
				Group.and(of("lead_score", "between", "50", "")));
		dynamic("Newsletter opt-ins", "Tagged newsletter and consenting to e-mail.",
				Group.and(of("tags", "any", "newsletter"), of("email_consent", "is", "true")));
		dynamic("Dormant customers", "Customers nobody has talked to in 90 days.",
				Group.and(of("stage", "in", "CUSTOMER"), of("last_activity", "not_last_days", "90")));
		dynamic("Key people in industry and energy", "VIPs and key accounts at manufacturers and energy companies.",
				Group.and(of("industry", "in", "Manufacturing", "Energy"),
						Group.or(of("tags", "any", "vip", "key-account"), of("title", "contains", "director"))));
		long fair = segments.create(new SegmentCommand("Trade fair 2026 visitors",
				"Met at our stand; uploaded from the badge scanner.", SegmentKind.STATIC, null, 0));
		jdbc.sql("""
				insert into segment_members (segment_id, contact_id)
				select ?, id from contacts where tags @> array['trade-fair-2026'] order by id limit 40
				""").param(fair).update();

		forms.create(new LeadFormCommand("Contact us", "contact-us",
				List.of(new FormFieldSpec(FormField.FIRST_NAME, "First name", false),
						new FormFieldSpec(FormField.LAST_NAME, "Last name", true),
						new FormFieldSpec(FormField.EMAIL, "Work e-mail", true),
						new FormFieldSpec(FormField.COMPANY, "Company", false),
						new FormFieldSpec(FormField.PHONE, "Phone", false),
						new FormFieldSpec(FormField.MESSAGE, "How can we help?", true)),
				"Thank you! We’ll get back to you within one working day.", null, true, 0));
		forms.create(new LeadFormCommand("Webinar sign-up", "webinar",
				List.of(new FormFieldSpec(FormField.FIRST_NAME, "First name", true),
						new FormFieldSpec(FormField.LAST_NAME, "Last name", true),
						new FormFieldSpec(FormField.EMAIL, "E-mail", true),
						new FormFieldSpec(FormField.COMPANY, "Company", true),
						new FormFieldSpec(FormField.TITLE, "Job title", false),
						new FormFieldSpec(FormField.COMPANY_SIZE, "Employees", false),
						new FormFieldSpec(FormField.COUNTRY, "Country", false)),
				"You’re registered. The link to join arrives by e-mail the day before.", null, true, 0));

		profile("Industry: software", Field.INDUSTRY, Operator.EQUALS, "Software", 10);
		profile("Title mentions “head”", Field.TITLE, Operator.CONTAINS, "head", 10);
		profile("Title mentions “director”", Field.TITLE, Operator.CONTAINS, "director", 15);
		profile("Based in Germany", Field.COUNTRY, Operator.EQUALS, "Germany", 5);
		profile("200+ employees", Field.COMPANY_SIZE, Operator.AT_LEAST, "200", 15);
		engagement("Opened an e-mail", "OPENED", 2);
		engagement("Clicked a link", "CLICKED", 5);
		engagement("Submitted a form", "FORM_SUBMITTED", 20);
		engagement("Unsubscribed", "UNSUBSCRIBED", -30);
	}

	private void dynamic(String name, String description, Group definition) {
		segments.create(new SegmentCommand(name, description, SegmentKind.DYNAMIC, definition, 0));
	}

	private void profile(String label, Field field, Operator op, String value, int points) {
		scoring.createRule(new ScoringRuleCommand(Kind.PROFILE, label, field, op, value, null, points, true, 0));
	}

	private void engagement(String label, String type, int points) {
		scoring.createRule(new ScoringRuleCommand(Kind.ENGAGEMENT, label, null, null, null, type, points, true, 0));
	}

}
