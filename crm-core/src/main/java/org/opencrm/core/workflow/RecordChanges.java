package org.opencrm.core.workflow;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * How a module tells workflow rules that one of its records changed, in the transaction
 * of the change: {@link RecordChanged} is published (and delivered after the commit) only
 * when an enabled rule watches the record type, and carries the chain of rules whose
 * actions caused the change.
 */
@Component
public class RecordChanges {

	private final ApplicationEventPublisher events;

	private final ActiveRules active;

	RecordChanges(ApplicationEventPublisher events, ActiveRules active) {
		this.events = events;
		this.active = active;
	}

	public void created(String recordType, long id) {
		publish(recordType, id, TriggerKind.CREATED, Map.of());
	}

	/**
	 * A change from {@code before} to {@code after} (field → value as text); nothing when
	 * no field differs.
	 */
	public void updated(String recordType, long id, Map<String, String> before, Map<String, String> after) {
		Map<String, FieldChange> changes = new HashMap<>();
		after.forEach((field, to) -> {
			String from = before.get(field);
			if (!Objects.equals(from, to)) {
				changes.put(field, new FieldChange(from, to));
			}
		});
		if (!changes.isEmpty()) {
			publish(recordType, id, TriggerKind.UPDATED, changes);
		}
	}

	/** A record's SLA clock reached its warning for {@code metric}. */
	public void slaWarning(String recordType, long id, String metric) {
		publish(recordType, id, TriggerKind.SLA_WARNING, Map.of("slaMetric", new FieldChange(null, metric)));
	}

	private void publish(String recordType, long id, TriggerKind kind, Map<String, FieldChange> changes) {
		if (active.watched(recordType)) {
			events.publishEvent(new RecordChanged(UUID.randomUUID().toString(), recordType, id, kind, changes,
					WorkflowChain.current()));
		}
	}

}
