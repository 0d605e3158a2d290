package org.opencrm.core.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every module's {@link WorkflowRecordType}, by type name. */
@Component
class RecordTypes {

	private final Map<String, WorkflowRecordType> byName;

	RecordTypes(ObjectProvider<WorkflowRecordType> types) {
		this.byName = types.orderedStream()
			.collect(Collectors.toMap(WorkflowRecordType::type, Function.identity(), (a, b) -> a, TreeMap::new));
	}

	Optional<WorkflowRecordType> find(String type) {
		return Optional.ofNullable(type == null ? null : byName.get(type));
	}

	List<WorkflowRecordType> all() {
		return List.copyOf(byName.values());
	}

	static Optional<WorkflowField> field(WorkflowRecordType type, String key) {
		return type.fields().stream().filter(f -> f.key().equals(key)).findFirst();
	}

}
