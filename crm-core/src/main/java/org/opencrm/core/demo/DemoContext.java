package org.opencrm.core.demo;

import java.util.Map;
import java.util.Random;

/**
 * What demo contributors share: a seeded random source (so the demo is the same every
 * time) and the ids of the demo users by username.
 */
public record DemoContext(Random random, Map<String, Long> userIds) {

	public long user(String username) {
		Long id = userIds.get(username);
		if (id == null) {
			throw new IllegalStateException("No demo user " + username);
		}
		return id;
	}
}
