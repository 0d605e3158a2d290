package org.opencrm.core.imports;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The record types the modules plug in ({@link ImportTarget} beans), by type. */
@Component
class ImportTargets {

	private final Map<String, ImportTarget> targets;

	ImportTargets(List<ImportTarget> targets) {
		this.targets = targets.stream().collect(Collectors.toMap(ImportTarget::type, Function.identity()));
	}

	/** The record types this role may import, in a stable order. */
	List<String> types(Role role) {
		return targets.values().stream().filter(t -> t.mayImport(role)).map(ImportTarget::type).sorted().toList();
	}

	/** The type a user asked to import: known, and theirs to import. */
	ImportTarget target(String type, CrmUser user) {
		ImportTarget target = targets.get(type);
		if (target == null) {
			throw new RuleViolationException("import.unknownType", "Choose what to import.");
		}
		if (!target.mayImport(user.role())) {
			throw new AccessDeniedException("may not import " + type);
		}
		return target;
	}

	/** The type of a stored import (checked when it was uploaded). */
	ImportTarget of(String type) {
		return targets.get(type);
	}

}
