package org.opencrm.sales.quota;

import java.time.LocalDate;
import java.util.Optional;
import org.opencrm.sales.shared.PeriodType;
import org.springframework.data.jpa.repository.JpaRepository;

interface QuotaRepository extends JpaRepository<Quota, Long> {

	Optional<Quota> findByUserIdAndPeriodTypeAndPeriodStart(long userId, PeriodType periodType, LocalDate periodStart);
}
