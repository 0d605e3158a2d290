package org.opencrm.core.workflow;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A rule's conditions and actions as the jsonb columns hold them. */
final class RuleJson {

	static final JsonMapper JSON = JsonMapper.shared();

	private RuleJson() {
	}

	static String conditions(List<ConditionSpec> conditions) {
		return JSON.writeValueAsString(conditions);
	}

	static String actions(List<ActionSpec> actions) {
		return JSON.writeValueAsString(actions);
	}

	static List<ConditionSpec> conditions(String json) {
		return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<ConditionSpec>>() {
		});
	}

	static List<ActionSpec> actions(String json) {
		return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<ActionSpec>>() {
		});
	}

}
