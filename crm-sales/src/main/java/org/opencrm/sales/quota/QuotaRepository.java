package org.opencrm.sales.quota;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface QuotaRepository extends JpaRepository<Quota, Long> {

	/**
	 * The stored quotas a batch may touch (and a few more of other period types), in one
	 * statement.
	 */
	List<Quota> findByUserIdInAndPeriodStartIn(Collection<Long> userIds, Collection<LocalDate> periodStarts);

}
