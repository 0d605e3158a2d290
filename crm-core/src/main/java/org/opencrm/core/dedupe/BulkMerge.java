package org.opencrm.core.dedupe;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.user.Visibility;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merges several reviewed pairs at once with the default picks (the older record
 * survives; each field its value, else the other's). Each pair is its own transaction, so
 * one that changed meanwhile or breaks a rule is counted and the others still merge. A
 * record that an earlier pair of the same request merged away is skipped; one that an
 * earlier pair kept is merged again at its new version.
 */
@Service
public class BulkMerge {

	private static final Log log = LogFactory.getLog(BulkMerge.class);

	/** A pair as the list showed it: the candidate and both versions. */
	public record Picked(long candidateId, long lowVersion, long highVersion) {
	}

	/** How many pairs ended how. */
	public record Outcome(int merged, int conflicts, int refused, int skipped) implements java.io.Serializable {
	}

	private final DuplicateReview review;

	private final RecordMergeService merges;

	private final TransactionTemplate tx;

	BulkMerge(DuplicateReview review, RecordMergeService merges, TransactionTemplate tx) {
		this.review = review;
		this.merges = merges;
		this.tx = tx;
	}

	public Outcome merge(RecordType type, List<Picked> picked, Visibility visibility) {
		int merged = 0;
		int conflicts = 0;
		int refused = 0;
		int skipped = 0;
		Set<Long> gone = new HashSet<>();
		Set<Long> kept = new HashSet<>();
		for (Picked p : picked) {
			try {
				DuplicatePair pair = review.pair(type, p.candidateId(), visibility);
				if (gone.contains(pair.lowId()) || gone.contains(pair.highId())) {
					skipped++;
					continue;
				}
				// A survivor of an earlier pair here changed through us, not someone
				// else.
				long lowVersion = kept.contains(pair.lowId()) ? pair.lowVersion() : p.lowVersion();
				long highVersion = kept.contains(pair.highId()) ? pair.highVersion() : p.highVersion();
				MergeCommand cmd = new MergeCommand(type, pair.lowId(), lowVersion,
						List.of(new MergeCommand.Merged(pair.highId(), highVersion)), Map.of());
				tx.executeWithoutResult(s -> merges.merge(cmd, visibility));
				gone.add(pair.highId());
				kept.add(pair.lowId());
				merged++;
			}
			catch (StaleEditException | ObjectOptimisticLockingFailureException ex) {
				conflicts++;
			}
			catch (NotFoundException ex) {
				skipped++;
			}
			catch (RuleViolationException ex) {
				log.debug("Bulk merge: pair " + p.candidateId() + " refused: " + ex.getMessage());
				refused++;
			}
		}
		return new Outcome(merged, conflicts, refused, skipped);
	}

}
