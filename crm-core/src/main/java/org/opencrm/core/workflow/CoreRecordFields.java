package org.opencrm.core.workflow;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.opencrm.core.shared.LifecycleStage;
import org.opencrm.core.shared.Tags;

/** What core's own record types (accounts, contacts) share in rules. */
final class CoreRecordFields {

	private CoreRecordFields() {
	}

	static WorkflowField lifecycleStage() {
		return new WorkflowField("lifecycleStage", FieldType.CHOICE, true,
				Arrays.stream(LifecycleStage.values()).map(Enum::name).toList());
	}

	/** A tags column as the field history writes it ("a, b"). */
	static String tags(Array array) throws SQLException {
		return array == null ? "" : Tags.format(List.of((String[]) array.getArray()));
	}

	static String text(Long value) {
		return value == null ? null : value.toString();
	}

}
