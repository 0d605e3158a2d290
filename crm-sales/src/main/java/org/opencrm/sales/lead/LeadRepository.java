package org.opencrm.sales.lead;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface LeadRepository extends JpaRepository<Lead, Long> {

	/**
	 * A lead to change, its row locked until the transaction ends: changes of one lead
	 * take turns, so none works on a copy another is about to change.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select l from Lead l where l.id = :id")
	Optional<Lead> findForChange(long id);

	/**
	 * The newest open leads with this e-mail (any case), locked like
	 * {@link #findForChange}.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("""
			select l from Lead l where lower(l.email) = lower(:email) and l.status in :statuses
			order by l.createdAt desc, l.id desc""")
	List<Lead> findByEmailForChange(String email, Collection<LeadStatus> statuses, Limit limit);

	/**
	 * Stores marketing's score: not a change anyone edits, so the version stays (an open
	 * edit form stays valid) and {@link Lead} never writes these columns back.
	 */
	@Modifying
	@Query(value = "update leads set score = :score, mql = :mql, updated_at = :now where id = :id", nativeQuery = true)
	int applyScore(long id, int score, boolean mql, Instant now);

}
