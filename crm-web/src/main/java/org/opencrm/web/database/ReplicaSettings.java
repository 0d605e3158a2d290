package org.opencrm.web.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A PostgreSQL streaming replica that read-only work (dashboards, reports and their CSV
 * exports, the CSAT report, at-risk customers) may read from; off while {@code url} is
 * blank.
 *
 * @param url JDBC URL of the replica (a hot standby), e.g.
 * {@code jdbc:postgresql://replica:5432/crm}; blank: everything reads the primary.
 * @param username Database user on the replica.
 * @param password Its password.
 * @param maximumPoolSize Connections to the replica at most (a second, small pool).
 * @param connectionTimeout How long a read waits for a replica connection before it reads
 * the primary instead.
 * @param maxLag How far behind the primary the replica may replay before reads go to the
 * primary until it has caught up.
 * @param probeInterval How often the replica's reachability and lag are checked (also how
 * soon reads return to it after it failed).
 */
@ConfigurationProperties("crm.datasource.replica")
record ReplicaSettings(String url, String username, String password, @DefaultValue("4") int maximumPoolSize,
		@DefaultValue("1s") Duration connectionTimeout, @DefaultValue("30s") Duration maxLag,
		@DefaultValue("10s") Duration probeInterval) {

	boolean configured() {
		return url != null && !url.isBlank();
	}

}
