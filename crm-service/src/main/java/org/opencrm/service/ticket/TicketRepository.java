package org.opencrm.service.ticket;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface TicketRepository extends JpaRepository<Ticket, Long> {

	/**
	 * Loads a ticket holding its row lock, so two agents claiming it at once are served
	 * one after the other.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from Ticket t where t.id = :id")
	Optional<Ticket> findForUpdate(long id);

}
