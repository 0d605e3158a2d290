package org.opencrm.core.workflow;

import java.util.List;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.NotFoundException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's commands on workflow rules: create, change (a stale version conflicts),
 * enable or disable, delete; and what the editor needs. A rule is checked as a whole
 * ({@link RuleValidation}) before anything is written, so a bad one saves nothing.
 */
@Service
@EnableConfigurationProperties(WorkflowSettings.class)
public class WorkflowRules {

	private final WorkflowRuleRepository rules;

	private final RuleValidation validation;

	private final RecordTypes types;

	private final ActiveRules active;

	private final JdbcClient jdbc;

	WorkflowRules(WorkflowRuleRepository rules, RuleValidation validation, RecordTypes types, ActiveRules active,
			JdbcClient jdbc) {
		this.rules = rules;
		this.validation = validation;
		this.types = types;
		this.active = active;
		this.jdbc = jdbc;
	}

	/** The record types rules can be about, with their triggers and fields. */
	public List<RecordTypeInfo> recordTypes() {
		return types.all()
			.stream()
			.map(t -> new RecordTypeInfo(t.type(), t.triggers(), t.fields(), t.assignable()))
			.toList();
	}

	@Transactional
	public long create(RuleCommand cmd) {
		validation.check(cmd);
		long id = rules.saveAndFlush(new WorkflowRule(cmd, Actor.currentIdOrNull())).getId();
		active.reload();
		return id;
	}

	@Transactional
	public void update(long id, RuleCommand cmd) {
		WorkflowRule rule = get(id);
		rule.checkVersion(cmd.version());
		validation
			.check(new RuleCommand(cmd.name(), rule.recordType(), cmd.trigger(), cmd.triggerField(), cmd.triggerFrom(),
					cmd.triggerTo(), cmd.idleDays(), cmd.conditions(), cmd.actions(), cmd.enabled(), cmd.version()));
		rule.change(cmd);
		rules.flush();
		active.reload();
	}

	@Transactional
	public void enable(long id, boolean on) {
		get(id).enable(on);
		rules.flush();
		active.reload();
	}

	@Transactional
	public void delete(long id) {
		rules.delete(get(id));
		rules.flush();
		active.reload();
	}

	@Transactional(readOnly = true)
	public RuleView details(long id) {
		return jdbc.sql("""
				select id, name, record_type, trigger_kind, trigger_field, trigger_from, trigger_to, idle_days,
				       conditions::text, actions::text, enabled, webhook_secret, version
				from workflow_rules where id = ?
				""")
			.param(id)
			.query((rs, n) -> new RuleView(rs.getLong(1), rs.getString(2), rs.getString(3),
					TriggerKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
					(Integer) rs.getObject(8), RuleJson.conditions(rs.getString(9)), RuleJson.actions(rs.getString(10)),
					rs.getBoolean(11), WebhookSigner.masked(rs.getString(12)), rs.getLong(13)))
			.optional()
			.orElseThrow(() -> new NotFoundException("WorkflowRule", id));
	}

	/**
	 * The rule's webhook key in full: shown once, right after the admin saved the rule
	 * that made it.
	 */
	@Transactional(readOnly = true)
	public String webhookSecret(long id) {
		return jdbc.sql("select webhook_secret from workflow_rules where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/** Every rule by name with its run count (tens of rules: not paged). */
	@Transactional(readOnly = true)
	public List<RuleRow> list() {
		return jdbc.sql("""
				select r.id, r.name, r.record_type, r.trigger_kind, r.enabled, r.version,
				       (select count(*) from workflow_runs w where w.rule_id = r.id) as runs,
				       (select max(w.created_at) from workflow_runs w where w.rule_id = r.id) as last_run_at
				from workflow_rules r order by lower(r.name), r.id limit 500
				""")
			.query((rs, n) -> new RuleRow(rs.getLong(1), rs.getString(2), rs.getString(3),
					TriggerKind.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getLong(6), rs.getLong(7),
					rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
			.list();
	}

	private WorkflowRule get(long id) {
		return rules.findById(id).orElseThrow(() -> new NotFoundException("WorkflowRule", id));
	}

}
