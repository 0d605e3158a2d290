package org.opencrm.sales.opportunity;

import org.opencrm.core.shared.NotFoundException;
import org.springframework.data.jpa.repository.JpaRepository;

interface OpportunityRepository extends JpaRepository<Opportunity, Long>, OpportunityChanges {

	default Opportunity get(long id) {
		return findById(id).orElseThrow(() -> new NotFoundException("Opportunity", id));
	}

}
