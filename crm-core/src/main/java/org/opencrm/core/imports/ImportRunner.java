package org.opencrm.core.imports;

import java.io.IOException;
import java.util.function.Consumer;
import org.opencrm.core.csv.CsvRow;
import org.opencrm.core.user.CrmUser;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserSummary;
import org.opencrm.core.user.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Runs queued imports and reverts, one at a time per call, on whichever node claims them
 * ({@link ImportLease}), as the user who started them: the rows in batches
 * ({@link ImportBatches}), a revert from the log ({@link ImportRevert}). A node that
 * finds the lease expired goes on after the last committed batch.
 */
@Component
public class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	private final ImportLease lease;

	private final ImportJobs jobs;

	private final ImportBatches batches;

	private final ImportRevert reverts;

	private final UserService users;

	/** Called before each row is written; tests make a node "die" here. */
	Consumer<CsvRow> beforeRow = row -> {
	};

	ImportRunner(ImportLease lease, ImportJobs jobs, ImportBatches batches, ImportRevert reverts, UserService users) {
		this.lease = lease;
		this.jobs = jobs;
		this.batches = batches;
		this.reverts = reverts;
		this.users = users;
	}

	/**
	 * Claims one import (queued, or running/reverting with an expired lease) and works it
	 * to the end.
	 */
	public boolean runOnce() {
		Long id = lease.claim();
		if (id == null) {
			return false;
		}
		ImportJob job = jobs.job(id);
		UserSummary owner = users.getUser(job.createdBy());
		CrmUser user = new CrmUser(owner.id(), owner.username(), owner.fullName(), owner.role(), owner.teamId(), null,
				true);
		// A context of its own: setting the owner on the thread's context would leave
		// them
		// signed in on this (scheduler's) thread after the run, acting for whatever runs
		// next.
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext asOwner = SecurityContextHolder.createEmptyContext();
		asOwner.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(asOwner);
		try {
			if ("REVERTING".equals(job.state())) {
				reverts.revert(job, Visibility.of(user));
			}
			else {
				batches.run(job, Visibility.of(user), beforeRow);
			}
		}
		catch (ImportLease.Lost ex) {
			log.info("Import {}: another node took it over", id);
		}
		catch (RuntimeException | IOException ex) {
			log.warn("Import {} failed", id, ex);
			lease.fail(id, String.valueOf(ex.getMessage()));
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
		return true;
	}

}
