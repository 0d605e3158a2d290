package org.opencrm.core.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Moving a large account's contacts to its new owner in the background
 * ({@code crm.accounts.owner-moves.*}; which accounts are queued is decided in the
 * database, V202612072350: more than 500 contacts).
 *
 * @param workerEnabled {@code false}: this node never moves contacts (another node does;
 * tests drive {@link AccountOwnerMoves} themselves)
 * @param poll how often each node looks for queued moves
 * @param batchSize contacts moved per transaction: each batch holds row locks on its
 * contacts and the account's row (shared) for its own time only (about a second at 1,000
 * on the 1M data set)
 */
@ConfigurationProperties("crm.accounts.owner-moves")
public record AccountOwnerMoveSettings(@DefaultValue("true") boolean workerEnabled, @DefaultValue("PT2S") Duration poll,
		@DefaultValue("1000") int batchSize) {
}
