package org.opencrm.web.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencrm.core.workflow.ActionSpec;
import org.opencrm.core.workflow.ActionType;
import org.opencrm.core.workflow.ConditionSpec;
import org.opencrm.core.workflow.Operator;
import org.opencrm.core.workflow.Recipient;
import org.opencrm.core.workflow.RuleCommand;
import org.opencrm.core.workflow.RuleView;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.web.system.Forms;

/**
 * The rule editor's form: the rule, its condition rows and action rows (as typed; a row
 * left empty is dropped). Codes that are not ones (an unknown operator) become null and
 * the service's checks name the row.
 */
public class WorkflowRuleForm {

	/** Empty rows offered below the filled ones, for adding without script. */
	static final int BLANK_ROWS = 2;

	private String name;

	private String recordType;

	private String trigger;

	private String triggerField;

	private String triggerFrom;

	private String triggerTo;

	private String idleDays;

	private boolean enabled = true;

	private long version;

	private List<ConditionRow> conditions = new ArrayList<>();

	private List<ActionRow> actions = new ArrayList<>();

	/** The form of a new rule about {@code recordType}. */
	static WorkflowRuleForm newRule(String recordType) {
		WorkflowRuleForm form = new WorkflowRuleForm();
		form.recordType = recordType;
		form.trigger = TriggerKind.CREATED.name();
		return form.withBlankRows();
	}

	static WorkflowRuleForm of(RuleView r) {
		WorkflowRuleForm form = new WorkflowRuleForm();
		form.name = r.name();
		form.recordType = r.recordType();
		form.trigger = r.trigger().name();
		form.triggerField = r.triggerField();
		form.triggerFrom = r.triggerFrom();
		form.triggerTo = r.triggerTo();
		form.idleDays = r.idleDays() == null ? null : r.idleDays().toString();
		form.enabled = r.enabled();
		form.version = r.version();
		for (ConditionSpec c : r.conditions()) {
			form.conditions
				.add(new ConditionRow(c.field(), c.operator() == null ? null : c.operator().name(), c.value()));
		}
		for (ActionSpec a : r.actions()) {
			form.actions.add(new ActionRow(a.type().name(), a.field(), a.value(),
					a.recipient() == null ? null : a.recipient().name(),
					a.userId() == null ? null : a.userId().toString(), a.text()));
		}
		return form.withBlankRows();
	}

	/**
	 * Drops the empty rows (so the service's row numbers are the form's), then adds
	 * blanks.
	 */
	WorkflowRuleForm compact() {
		conditions.removeIf(c -> c == null || Forms.trimmed(c.getField()) == null);
		actions.removeIf(a -> a == null || Forms.trimmed(a.getType()) == null);
		return this;
	}

	WorkflowRuleForm withBlankRows() {
		for (int i = 0; i < BLANK_ROWS; i++) {
			conditions.add(new ConditionRow());
			actions.add(new ActionRow());
		}
		return this;
	}

	/** The command; call {@link #compact()} first. */
	RuleCommand command() {
		return new RuleCommand(name, recordType, code(TriggerKind.class, trigger), Forms.trimmed(triggerField),
				Forms.trimmed(triggerFrom), Forms.trimmed(triggerTo), number(idleDays),
				conditions.stream()
					.map(c -> new ConditionSpec(Forms.trimmed(c.getField()), code(Operator.class, c.getOperator()),
							Forms.trimmed(c.getValue())))
					.toList(),
				actions.stream()
					.map(a -> new ActionSpec(code(ActionType.class, a.getType()), Forms.trimmed(a.getField()),
							Forms.trimmed(a.getValue()), code(Recipient.class, a.getRecipient()),
							longOrNull(a.getUserId()), Forms.trimmed(a.getText())))
					.toList(),
				enabled, version);
	}

	private static <E extends Enum<E>> E code(Class<E> type, String value) {
		String v = Forms.trimmed(value);
		if (v == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Integer number(String value) {
		String v = Forms.trimmed(value);
		return v != null && v.matches("\\d{1,4}") ? Integer.valueOf(v) : v == null ? null : -1;
	}

	private static Long longOrNull(String value) {
		String v = Forms.trimmed(value);
		return v != null && v.matches("\\d{1,18}") ? Long.valueOf(v) : null;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getRecordType() {
		return recordType;
	}

	public void setRecordType(String recordType) {
		this.recordType = recordType;
	}

	public String getTrigger() {
		return trigger;
	}

	public void setTrigger(String trigger) {
		this.trigger = trigger;
	}

	public String getTriggerField() {
		return triggerField;
	}

	public void setTriggerField(String triggerField) {
		this.triggerField = triggerField;
	}

	public String getTriggerFrom() {
		return triggerFrom;
	}

	public void setTriggerFrom(String triggerFrom) {
		this.triggerFrom = triggerFrom;
	}

	public String getTriggerTo() {
		return triggerTo;
	}

	public void setTriggerTo(String triggerTo) {
		this.triggerTo = triggerTo;
	}

	public String getIdleDays() {
		return idleDays;
	}

	public void setIdleDays(String idleDays) {
		this.idleDays = idleDays;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public long getVersion() {
		return version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

	public List<ConditionRow> getConditions() {
		return conditions;
	}

	public void setConditions(List<ConditionRow> conditions) {
		this.conditions = conditions;
	}

	public List<ActionRow> getActions() {
		return actions;
	}

	public void setActions(List<ActionRow> actions) {
		this.actions = actions;
	}

	/** One condition row. */
	public static class ConditionRow {

		private String field;

		private String operator;

		private String value;

		public ConditionRow() {
		}

		ConditionRow(String field, String operator, String value) {
			this.field = field;
			this.operator = operator;
			this.value = value;
		}

		public String getField() {
			return field;
		}

		public void setField(String field) {
			this.field = field;
		}

		public String getOperator() {
			return operator;
		}

		public void setOperator(String operator) {
			this.operator = operator;
		}

		public String getValue() {
			return value;
		}

		public void setValue(String value) {
			this.value = value;
		}

	}

	/** One action row; which inputs count depends on its type. */
	public static class ActionRow {

		private String type;

		private String field;

		private String value;

		private String recipient;

		private String userId;

		private String text;

		public ActionRow() {
		}

		ActionRow(String type, String field, String value, String recipient, String userId, String text) {
			this.type = type;
			this.field = field;
			this.value = value;
			this.recipient = recipient;
			this.userId = userId;
			this.text = text;
		}

		public String getType() {
			return type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public String getField() {
			return field;
		}

		public void setField(String field) {
			this.field = field;
		}

		public String getValue() {
			return value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public String getRecipient() {
			return recipient;
		}

		public void setRecipient(String recipient) {
			this.recipient = recipient;
		}

		public String getUserId() {
			return userId;
		}

		public void setUserId(String userId) {
			this.userId = userId;
		}

		public String getText() {
			return text;
		}

		public void setText(String text) {
			this.text = text;
		}

	}

}
