package org.opencrm.sales.lead;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AssignmentRuleRepository extends JpaRepository<AssignmentRule, Long> {

	/**
	 * A rule to change, locked: an edit then never writes back a turn pointer that moved
	 * meanwhile.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from AssignmentRule r where r.id = :id")
	Optional<AssignmentRule> findForChange(long id);

	List<AssignmentRule> findAllByOrderByPositionAscIdAsc();

	@Query("select coalesce(max(r.position), 0) from AssignmentRule r")
	int lastPosition();

	/**
	 * Who had the rule's last turn, the rule locked until the transaction ends: leads
	 * created at the same time take turns, each reading the pointer the previous one
	 * wrote.
	 */
	@Query(value = "select last_assigned_user_id from lead_assignment_rules where id = :id for update",
			nativeQuery = true)
	Optional<Long> lockTurn(long id);

	/** Gives the turn to {@code userId}; not an edit, so the version stays. */
	@Modifying
	@Query(value = "update lead_assignment_rules set last_assigned_user_id = :userId where id = :id",
			nativeQuery = true)
	void takeTurn(long id, long userId);

}
