package org.opencrm.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencrm.core.TestData.unique;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rule is checked as a whole before it is saved: each bad input is refused with its
 * message key on the row's input, and nothing is written.
 */
@SpringBootTest
@Import(Gadgets.class)
class WorkflowRulesTest {

	static final ActionSpec NOTIFY_OWNER = new ActionSpec(ActionType.NOTIFY, null, null, Recipient.OWNER, null, "Look");

	@Autowired
	WorkflowRules rules;

	@Autowired
	JdbcClient jdbc;

	@Test
	void badRulesAreRefusedOnTheInputTheyAreAboutAndSaveNothing() {
		long before = count();
		refused(rule(TriggerKind.CREATED, List.of(new ConditionSpec("colour", Operator.EQUALS, "red")),
				List.of(NOTIFY_OWNER)), "conditions[0].field", "workflow.field.unknown");
		refused(rule(TriggerKind.CREATED, List.of(new ConditionSpec("amount", Operator.GREATER_THAN, "lots")),
				List.of(NOTIFY_OWNER)), "conditions[0].value", "workflow.value.number");
		refused(rule(TriggerKind.CREATED, List.of(new ConditionSpec("amount", Operator.CONTAINS, "1")),
				List.of(NOTIFY_OWNER)), "conditions[0].operator", "workflow.operator.unfit");
		refused(rule(TriggerKind.CREATED, List.of(new ConditionSpec("status", Operator.EQUALS, "melted")),
				List.of(NOTIFY_OWNER)), "conditions[0].value", "workflow.value.choice");
		refused(rule(TriggerKind.SLA_WARNING, List.of(), List.of(NOTIFY_OWNER)), "trigger", "workflow.trigger.unknown");
		refused(rule(TriggerKind.IDLE, List.of(), List.of(NOTIFY_OWNER)), "idleDays", "workflow.idleDays.range");
		refused(rule(TriggerKind.CREATED, List.of(), List.of()), "actions", "workflow.actions.required");
		refused(rule(TriggerKind.CREATED, List.of(),
				List.of(NOTIFY_OWNER, new ActionSpec(ActionType.SET_FIELD, "owner", "1", null, null, null))),
				"actions[1].field", "workflow.field.notSettable");
		refused(rule(TriggerKind.CREATED, List.of(),
				List.of(new ActionSpec(ActionType.NOTIFY, null, null, Recipient.OWNER, null, " "))), "actions[0].text",
				"workflow.text.required");
		refused(rule(TriggerKind.CREATED, List.of(),
				List.of(new ActionSpec(ActionType.SEND_EMAIL, null, "424242", null, null, null))), "actions[0].value",
				"workflow.template.unknown");
		refused(rule(TriggerKind.CREATED, List.of(),
				List.of(new ActionSpec(ActionType.ASSIGN, null, null, null, -1L, null))), "actions[0].type",
				"workflow.action.unsupported");
		refused(rule(TriggerKind.CREATED, List.of(),
				List.of(new ActionSpec(ActionType.WEBHOOK, null, "ftp://example.com/x", null, null, null))),
				"actions[0].value", "workflow.webhook.url.invalid");
		refused(rule(TriggerKind.CREATED, List.of(),
				List.of(new ActionSpec(ActionType.WEBHOOK, null, "http://127.0.0.1:8080/admin", null, null, null))),
				"actions[0].value", "workflow.webhook.url.private");
		refused(rule(TriggerKind.CREATED, List.of(),
				List.of(new ActionSpec(ActionType.WEBHOOK, null, "http://169.254.169.254/latest", null, null, null))),
				"actions[0].value", "workflow.webhook.url.private");
		refused(new RuleCommand(" ", Gadgets.TYPE, TriggerKind.CREATED, null, null, null, null, List.of(),
				List.of(NOTIFY_OWNER), true, 0), "name", "workflow.name.required");
		refused(new RuleCommand("No type", "spaceship", TriggerKind.CREATED, null, null, null, null, List.of(),
				List.of(NOTIFY_OWNER), true, 0), "recordType", "workflow.recordType.unknown");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aRuleIsSavedChangedWithItsVersionAndDisabled() {
		long id = rules.create(rule(TriggerKind.CREATED,
				List.of(new ConditionSpec("amount", Operator.GREATER_THAN, "10")), List.of(NOTIFY_OWNER)));
		RuleView saved = rules.details(id);
		assertThat(saved.conditions()).containsExactly(new ConditionSpec("amount", Operator.GREATER_THAN, "10"));
		assertThat(saved.actions()).containsExactly(NOTIFY_OWNER);
		assertThat(saved.webhookSecretMasked()).isNull();

		rules.update(id, new RuleCommand("Renamed", Gadgets.TYPE, TriggerKind.FIELD_CHANGED, "status", null, "won",
				null, List.of(), List.of(NOTIFY_OWNER), true, saved.version()));
		assertThat(rules.details(id).trigger()).isEqualTo(TriggerKind.FIELD_CHANGED);
		assertThatThrownBy(
				() -> rules
					.update(id,
							new RuleCommand("Stale", Gadgets.TYPE, TriggerKind.CREATED, null, null, null, null,
									List.of(), List.of(NOTIFY_OWNER), true, saved.version())))
			.isInstanceOf(StaleEditException.class);
		rules.enable(id, false);
		assertThat(rules.list()).filteredOn(r -> r.id() == id).singleElement().satisfies(r -> {
			assertThat(r.name()).isEqualTo("Renamed");
			assertThat(r.enabled()).isFalse();
		});
		rules.delete(id);
	}

	private static RuleCommand rule(TriggerKind trigger, List<ConditionSpec> conditions, List<ActionSpec> actions) {
		return new RuleCommand("Rule " + unique(), Gadgets.TYPE, trigger, null, null, null, null, conditions, actions,
				true, 0);
	}

	private void refused(RuleCommand cmd, String field, String code) {
		assertThatThrownBy(() -> rules.create(cmd)).isInstanceOfSatisfying(RuleViolationException.class, ex -> {
			assertThat(ex.code()).isEqualTo(code);
			assertThat(ex.field()).isEqualTo(field);
		});
	}

	private long count() {
		return jdbc.sql("select count(*) from workflow_rules").query(Long.class).single();
	}

}
