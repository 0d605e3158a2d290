package org.opencrm.core.workflow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.Tags;
import org.opencrm.core.user.OwnerRule;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks a rule as a whole before anything is saved: a known record type and trigger,
 * fields the type has, values of the field's type, operators that fit, actions with what
 * they need (an owner the owner rule allows, a template that exists, a webhook URL that
 * is http(s) and not internal). Each message names the row (fields
 * {@code conditions[i].value}, {@code actions[i].value}, …).
 */
@Component
class RuleValidation {

	private final RecordTypes types;

	private final ObjectProvider<WorkflowTemplates> templates;

	private final JdbcClient jdbc;

	private final WorkflowSettings settings;

	RuleValidation(RecordTypes types, ObjectProvider<WorkflowTemplates> templates, JdbcClient jdbc,
			WorkflowSettings settings) {
		this.types = types;
		this.templates = templates;
		this.jdbc = jdbc;
		this.settings = settings;
	}

	WorkflowRecordType check(RuleCommand cmd) {
		if (cmd.name() == null || cmd.name().isBlank() || cmd.name().trim().length() > 100) {
			throw RuleViolationException.onField("name", "workflow.name.required", "Give the rule a name.");
		}
		WorkflowRecordType type = types.find(cmd.recordType())
			.orElseThrow(() -> RuleViolationException.onField("recordType", "workflow.recordType.unknown",
					"Choose what the rule is about."));
		if (cmd.trigger() == null || !type.triggers().contains(cmd.trigger())) {
			throw RuleViolationException.onField("trigger", "workflow.trigger.unknown",
					"Choose a trigger this record type offers.");
		}
		if (cmd.trigger() == TriggerKind.FIELD_CHANGED) {
			WorkflowField field = RecordTypes.field(type, cmd.triggerField())
				.orElseThrow(() -> RuleViolationException.onField("triggerField", "workflow.field.unknown",
						"There is no field \"{0}\".", String.valueOf(cmd.triggerField())));
			value(field, cmd.triggerFrom(), "triggerFrom", true);
			value(field, cmd.triggerTo(), "triggerTo", true);
		}
		if (cmd.trigger() == TriggerKind.IDLE
				&& (cmd.idleDays() == null || cmd.idleDays() < 1 || cmd.idleDays() > 365)) {
			throw RuleViolationException.onField("idleDays", "workflow.idleDays.range",
					"Say after how many days (1 to 365) without activity.");
		}
		if (cmd.trigger() == TriggerKind.OVERDUE && cmd.idleDays() != null
				&& (cmd.idleDays() < 0 || cmd.idleDays() > 365)) {
			throw RuleViolationException.onField("idleDays", "workflow.overdueDays.range",
					"Say how many days (0 to 365) past its due time.");
		}
		for (int i = 0; i < cmd.conditions().size(); i++) {
			condition(type, cmd.conditions().get(i), "conditions[" + i + "]");
		}
		if (cmd.actions().isEmpty()) {
			throw RuleViolationException.onField("actions", "workflow.actions.required",
					"Give the rule at least one action.");
		}
		for (int i = 0; i < cmd.actions().size(); i++) {
			action(type, cmd.actions().get(i), "actions[" + i + "]");
		}
		return type;
	}

	private void condition(WorkflowRecordType type, ConditionSpec c, String row) {
		WorkflowField field = RecordTypes.field(type, c.field())
			.orElseThrow(() -> RuleViolationException.onField(row + ".field", "workflow.field.unknown",
					"There is no field \"{0}\".", String.valueOf(c.field())));
		if (c.operator() == null || !c.operator().fits(field.type())) {
			throw RuleViolationException.onField(row + ".operator", "workflow.operator.unfit",
					"This comparison does not fit the field \"{0}\".", field.key());
		}
		if (c.operator().needsValue()) {
			value(field, c.value(), row + ".value", false);
		}
	}

	private void action(WorkflowRecordType type, ActionSpec a, String row) {
		if (a.type() == null) {
			throw RuleViolationException.onField(row + ".type", "workflow.action.unknown", "Choose an action.");
		}
		switch (a.type()) {
			case ASSIGN -> {
				if (!type.assignable()) {
					throw RuleViolationException.onField(row + ".type", "workflow.action.unsupported",
							"This record type can't do that.");
				}
				if (a.userId() == null || !OwnerRule.mayOwn(jdbc, Visibility.all(), a.userId())) {
					throw RuleViolationException.onField(row + ".userId", "workflow.assign.notOwner",
							"Records can only be given to an enabled sales rep or manager.");
				}
			}
			case SET_FIELD -> {
				WorkflowField field = RecordTypes.field(type, a.field())
					.filter(WorkflowField::settable)
					.orElseThrow(() -> RuleViolationException.onField(row + ".field", "workflow.field.notSettable",
							"A rule can't set the field \"{0}\".", String.valueOf(a.field())));
				value(field, a.value(), row + ".value", true);
			}
			case CREATE_TASK, NOTIFY -> {
				int max = a.type() == ActionType.NOTIFY ? 500 : 200;
				if (a.text() == null || a.text().isBlank() || a.text().length() > max) {
					throw RuleViolationException.onField(row + ".text", "workflow.text.required",
							"Write the text (at most {0} characters).", max);
				}
				recipient(a, row);
				if (a.type() == ActionType.CREATE_TASK && a.value() != null && !a.value().isBlank()
						&& !a.value().trim().matches("\\d{1,3}")) {
					throw RuleViolationException.onField(row + ".value", "workflow.task.dueDays",
							"Say in how many days (0 to 999) the task is due.");
				}
			}
			case SEND_EMAIL -> {
				WorkflowTemplates mailTemplates = templates.getIfAvailable();
				if (a.value() == null || !a.value().trim().matches("\\d{1,18}") || mailTemplates == null
						|| mailTemplates.name(Long.parseLong(a.value().trim())).isEmpty()) {
					throw RuleViolationException.onField(row + ".value", "workflow.template.unknown",
							"Choose an e-mail template that exists.");
				}
			}
			case ADD_TAG -> {
				if (a.value() == null || Tags.parse(a.value()).size() != 1) {
					throw RuleViolationException.onField(row + ".value", "workflow.tag.invalid", "Give one tag.");
				}
			}
			case WEBHOOK -> UrlGuard.check(a.value(), settings.webhookAllowPrivate(), row + ".value");
		}
	}

	private void recipient(ActionSpec a, String row) {
		if (a.recipient() == null) {
			throw RuleViolationException.onField(row + ".recipient", "workflow.recipient.required",
					"Say who it is for.");
		}
		if (a.recipient() == Recipient.USER && (a.userId() == null
				|| jdbc.sql("select count(*) from users where id = ? and enabled and role <> 'CUSTOMER'")
					.param(a.userId())
					.query(Long.class)
					.single() == 0)) {
			throw RuleViolationException.onField(row + ".userId", "workflow.recipient.unknown",
					"Choose an enabled staff user.");
		}
	}

	/** A value of the field's type; blank allowed only where {@code optional}. */
	static void value(WorkflowField field, String value, String input, boolean optional) {
		if (value == null || value.isBlank()) {
			if (optional) {
				return;
			}
			throw RuleViolationException.onField(input, "workflow.value.required", "Give a value.");
		}
		String v = value.trim();
		boolean ok = switch (field.type()) {
			case TEXT -> v.length() <= 200;
			case NUMBER -> isNumber(v);
			case DATE -> isDate(v);
			case CHOICE -> field.choices().stream().anyMatch(c -> c.equalsIgnoreCase(v));
			case USER -> v.matches("\\d{1,18}");
		};
		if (!ok) {
			throw RuleViolationException.onField(input, "workflow.value." + field.type().name().toLowerCase(),
					"\"{0}\" is not a value of the field \"{1}\".", v, field.key());
		}
	}

	private static boolean isNumber(String v) {
		try {
			new BigDecimal(v);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static boolean isDate(String v) {
		try {
			LocalDate.parse(v);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

}
