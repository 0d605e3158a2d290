package org.opencrm.core.shared;

/**
 * Another system's id for a record (an import's match key): at most 100 characters,
 * compared exactly, unique per record type where set. In a command, null keeps the
 * record's id (forms don't show it) and a blank value removes it.
 */
public final class ExternalId {

	public static final int MAX_LENGTH = 100;

	private ExternalId() {
	}

	/**
	 * The id to store after a command's value: {@code current} for null, null for blank,
	 * else the value trimmed.
	 * @throws RuleViolationException {@code externalId.tooLong}
	 */
	public static String after(String current, String commanded) {
		if (commanded == null) {
			return current;
		}
		String id = commanded.strip();
		if (id.length() > MAX_LENGTH) {
			throw new RuleViolationException("externalId.tooLong", "An external id has at most 100 characters.");
		}
		return id.isEmpty() ? null : id;
	}

}
