package org.opencrm.marketing.form;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LeadFormRepository extends JpaRepository<LeadForm, Long> {

	/**
	 * Whether another form (any but {@code exceptId}) is published under this address.
	 */
	@Query("select count(f) > 0 from LeadForm f where f.slug = :slug and f.id <> :exceptId")
	boolean slugTaken(String slug, long exceptId);

	/** Whether another form (any but {@code exceptId}) has this name, in any case. */
	@Query("select count(f) > 0 from LeadForm f where lower(f.name) = lower(:name) and f.id <> :exceptId")
	boolean nameTaken(String name, long exceptId);

}
