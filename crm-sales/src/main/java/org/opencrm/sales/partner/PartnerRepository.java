package org.opencrm.sales.partner;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PartnerRepository extends JpaRepository<Partner, Long> {

	Optional<Partner> findByAccountId(long accountId);

}
