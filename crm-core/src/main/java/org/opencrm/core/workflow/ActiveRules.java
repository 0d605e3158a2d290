package org.opencrm.core.workflow;

import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The record types with an enabled rule, kept in memory: a change of a type no rule
 * watches publishes no event, so saving a deal costs no extra statement while no one uses
 * workflows. Reloaded when a rule is saved on this node and every 15 seconds (another
 * node's new rule sees changes from then on).
 */
@Component
class ActiveRules {

	private final JdbcClient jdbc;

	private volatile Set<String> types = Set.of();

	ActiveRules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean watched(String recordType) {
		return types.contains(recordType);
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "PT15S", fixedDelayString = "${crm.workflow.refresh:PT15S}")
	void reload() {
		types = Set.copyOf(
				jdbc.sql("select distinct record_type from workflow_rules where enabled").query(String.class).list());
	}

}
