package org.opencrm.core.account;

import java.time.Instant;
import java.util.Objects;
import org.opencrm.core.event.CoreRecordChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Every {@code crm.accounts.owner-moves.poll} (default 2 s) each node works queued owner
 * moves in batches until none is left; nodes share them through row locks. The node where
 * an account changed hands starts at once, when the change commits, rather than at its
 * next poll (the poll is for the other nodes' changes and for resuming).
 * {@code crm.accounts.owner-moves.worker-enabled=false} switches it off (tests drive
 * {@link AccountOwnerMoves} directly).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "crm.accounts.owner-moves.worker-enabled", havingValue = "true", matchIfMissing = true)
class AccountOwnerMoveScheduling {

	private static final Logger log = LoggerFactory.getLogger(AccountOwnerMoveScheduling.class);

	private final AccountOwnerMoves moves;

	private final TaskScheduler scheduler;

	AccountOwnerMoveScheduling(AccountOwnerMoves moves, TaskScheduler scheduler) {
		this.moves = moves;
		this.scheduler = scheduler;
	}

	/** After an account's owner change commits: on the scheduler's thread, as a tick. */
	@TransactionalEventListener
	void accountChanged(CoreRecordChanged change) {
		if (AccountService.AUDIT_TYPE.equals(change.recordType()) && !change.isCreation()
				&& !Objects.equals(change.before().get("ownerId"), change.after().get("ownerId"))) {
			scheduler.schedule(this::run, Instant.now());
		}
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
