package org.opencrm.web.lists;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What a bulk action did: how many rows changed, and how many were skipped for which
 * reason (already resolved to the user's language). Flashed to the list, so serialisable.
 *
 * @param done rows changed (or deleted)
 * @param skipped reason → rows
 */
public record BulkOutcome(int done, LinkedHashMap<String, Integer> skipped) implements Serializable {

	public int skippedCount() {
		return skipped.values().stream().mapToInt(Integer::intValue).sum();
	}

	static final class Builder {

		private int done;

		private final LinkedHashMap<String, Integer> skipped = new LinkedHashMap<>();

		void done() {
			done++;
		}

		void skip(String reason) {
			skipped.merge(reason, 1, Integer::sum);
		}

		BulkOutcome build() {
			return new BulkOutcome(done, new LinkedHashMap<>(skipped));
		}

	}

}
