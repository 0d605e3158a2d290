package org.opencrm.web.workflow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.workflow.ActionSpec;
import org.opencrm.core.workflow.ConditionSpec;
import org.opencrm.core.workflow.RuleCommand;
import org.opencrm.core.workflow.RuleRow;
import org.opencrm.core.workflow.RuleView;
import org.opencrm.core.workflow.TriggerKind;
import org.opencrm.core.workflow.WorkflowRules;
import org.opencrm.web.api.ApiPage;
import org.opencrm.web.api.Versions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workflow rules over JSON, for admins (as the pages): list, get (with its ETag), create,
 * replace (If-Match or the body's version), delete. A rule is checked as a whole by the
 * same rules as the editor's; a broken one is a problem detail naming the field
 * ({@code actions[1].value}) and nothing is saved. The webhook key is in the answer once,
 * when the rule gets it; afterwards only masked.
 */
@RestController
@RequestMapping("/api/v1/workflows")
class WorkflowApi {

	private final WorkflowRules rules;

	WorkflowApi(WorkflowRules rules) {
		this.rules = rules;
	}

	/**
	 * A rule as a client sends it; the record type is fixed once created (a PUT's is
	 * ignored).
	 */
	record RuleRequest(String name, String recordType, @NotNull TriggerKind trigger, String triggerField,
			String triggerFrom, String triggerTo, Integer idleDays, List<ConditionSpec> conditions,
			List<ActionSpec> actions, Boolean enabled, Long version) {

		RuleCommand toCommand(long version) {
			return new RuleCommand(name, recordType, trigger, triggerField, triggerFrom, triggerTo, idleDays,
					conditions, actions, enabled == null || enabled, version);
		}
	}

	/**
	 * A rule: {@code webhookSecret} only in the answer that made the key, else
	 * {@code webhookSecretMasked}.
	 */
	record RuleJson(long id, String name, String recordType, TriggerKind trigger, String triggerField,
			String triggerFrom, String triggerTo, Integer idleDays, List<ConditionSpec> conditions,
			List<ActionSpec> actions, boolean enabled, String webhookSecretMasked, String webhookSecret, long version) {

		static RuleJson of(RuleView r, String newSecret) {
			return new RuleJson(r.id(), r.name(), r.recordType(), r.trigger(), r.triggerField(), r.triggerFrom(),
					r.triggerTo(), r.idleDays(), r.conditions(), r.actions(), r.enabled(), r.webhookSecretMasked(),
					newSecret, r.version());
		}
	}

	record RuleItem(long id, String name, String recordType, TriggerKind trigger, boolean enabled, long runs,
			Instant lastRunAt, long version) {

		static RuleItem of(RuleRow r) {
			return new RuleItem(r.id(), r.name(), r.recordType(), r.trigger(), r.enabled(), r.runs(), r.lastRunAt(),
					r.version());
		}
	}

	/** Every rule by name (tens of rules: one page). */
	@GetMapping
	ApiPage<RuleItem> list() {
		return new ApiPage<>(rules.list().stream().map(RuleItem::of).toList(), null);
	}

	@GetMapping("/{id}")
	ResponseEntity<RuleJson> get(@PathVariable long id) {
		RuleView rule = rules.details(id);
		return Versions.ok(RuleJson.of(rule, null), rule.version());
	}

	@PostMapping
	ResponseEntity<RuleJson> create(@Valid @RequestBody RuleRequest request) {
		long id = rules.create(request.toCommand(0));
		return ResponseEntity.created(URI.create("/api/v1/workflows/" + id))
			.body(RuleJson.of(rules.details(id), rules.webhookSecret(id)));
	}

	@PutMapping("/{id}")
	ResponseEntity<RuleJson> update(@PathVariable long id, @Valid @RequestBody RuleRequest request,
			@RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
		boolean hadKey = rules.details(id).webhookSecretMasked() != null;
		rules.update(id, request.toCommand(Versions.expected(ifMatch, request.version())));
		RuleView rule = rules.details(id);
		return Versions.ok(RuleJson.of(rule, hadKey ? null : rules.webhookSecret(id)), rule.version());
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		rules.delete(id);
		return ResponseEntity.noContent().build();
	}

}
