package org.opencrm.marketing.segment;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SegmentRepository extends JpaRepository<Segment, Long> {

	/** Whether another segment (any but {@code exceptId}) has this name, in any case. */
	@Query("select count(s) > 0 from Segment s where lower(s.name) = lower(:name) and s.id <> :exceptId")
	boolean nameTaken(String name, long exceptId);

}
