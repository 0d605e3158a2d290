package org.opencrm.web.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start without any database into Boot's short "APPLICATION FAILED TO START"
 * report instead of a stack trace: the packaged jar has no embedded PostgreSQL, so it
 * needs a URL.
 */
class NoDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabase.NoDatabaseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabase.NoDatabaseException cause) {
		return new FailureAnalysis("No database is configured, and this build has no embedded PostgreSQL "
				+ "(the packaged jar and the image leave it out; only ./mvnw -pl crm-web -am spring-boot:run has it).",
				"Set SPRING_DATASOURCE_URL (e.g. jdbc:postgresql://db:5432/crm), SPRING_DATASOURCE_USERNAME and "
						+ "SPRING_DATASOURCE_PASSWORD, or start the app with ./mvnw -pl crm-web -am spring-boot:run for "
						+ "the embedded demo database.",
				cause);
	}

}
