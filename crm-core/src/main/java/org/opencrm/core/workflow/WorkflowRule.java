package org.opencrm.core.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.opencrm.core.shared.BaseEntity;

/**
 * A workflow rule: trigger, conditions and actions of one record type, and whether it is
 * enabled. Conditions and actions are saved with it, as jsonb, checked by
 * {@link RuleValidation} before they get here; the webhook key is made once, when the
 * rule first gets a webhook action.
 */
@Entity
@Table(name = "workflow_rules")
class WorkflowRule extends BaseEntity {

	private String name;

	@Column(updatable = false)
	private String recordType;

	@Enumerated(EnumType.STRING)
	private TriggerKind triggerKind;

	private String triggerField;

	private String triggerFrom;

	private String triggerTo;

	private Integer idleDays;

	@JdbcTypeCode(SqlTypes.JSON)
	private String conditions;

	@JdbcTypeCode(SqlTypes.JSON)
	private String actions;

	private boolean enabled;

	private String webhookSecret;

	@Column(updatable = false)
	private Long createdBy;

	protected WorkflowRule() {
	}

	WorkflowRule(RuleCommand cmd, Long createdBy) {
		this.recordType = cmd.recordType();
		this.createdBy = createdBy;
		change(cmd);
	}

	void change(RuleCommand cmd) {
		this.name = cmd.name().trim();
		this.triggerKind = cmd.trigger();
		this.triggerField = cmd.trigger() == TriggerKind.FIELD_CHANGED ? cmd.triggerField() : null;
		this.triggerFrom = cmd.trigger() == TriggerKind.FIELD_CHANGED ? blankToNull(cmd.triggerFrom()) : null;
		this.triggerTo = cmd.trigger() == TriggerKind.FIELD_CHANGED ? blankToNull(cmd.triggerTo()) : null;
		this.idleDays = cmd.trigger().scheduled() && cmd.idleDays() != null && cmd.idleDays() > 0 ? cmd.idleDays()
				: null;
		this.conditions = RuleJson.conditions(cmd.conditions());
		this.actions = RuleJson.actions(cmd.actions());
		this.enabled = cmd.enabled();
		if (webhookSecret == null && cmd.actions().stream().anyMatch(a -> a.type() == ActionType.WEBHOOK)) {
			webhookSecret = WebhookSigner.newSecret();
		}
	}

	void enable(boolean on) {
		this.enabled = on;
	}

	String recordType() {
		return recordType;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
