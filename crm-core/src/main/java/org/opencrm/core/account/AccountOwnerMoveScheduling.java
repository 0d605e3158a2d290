package org.opencrm.core.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code crm.accounts.owner-moves.poll} (default 2 s) each node works queued owner
 * moves in batches until none is left; nodes share them through row locks.
 * {@code crm.accounts.owner-moves.worker-enabled=false} switches it off (tests drive
 * {@link AccountOwnerMoves} directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.accounts.owner-moves.worker-enabled", havingValue = "true", matchIfMissing = true)
class AccountOwnerMoveScheduling {

	private static final Logger log = LoggerFactory.getLogger(AccountOwnerMoveScheduling.class);

	private final AccountOwnerMoves moves;

	AccountOwnerMoveScheduling(AccountOwnerMoves moves) {
		this.moves = moves;
	}

	@Scheduled(initialDelayString = "${crm.accounts.owner-moves.poll:PT2S}",
			fixedDelayString = "${crm.accounts.owner-moves.poll:PT2S}")
	void run() {
		try {
			moves.moveAll();
		}
		catch (RuntimeException ex) {
			// The failed batch rolled back; the queue row still says where to go on.
			log.warn("Account owner moves: a batch failed; the next run resumes after the last committed batch", ex);
		}
	}

}
