package org.opencrm.sales.pipeline;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PipelineRepository extends JpaRepository<Pipeline, Long> {

	/** The pipeline a stage belongs to. */
	@Query("select p from Pipeline p join p.stages s where s.id = :stageId")
	Optional<Pipeline> findByStageId(long stageId);

	/** The default pipeline (at most one), unless it is {@code exceptId}. */
	@Query("select p from Pipeline p where p.isDefault = true and p.id <> :exceptId")
	List<Pipeline> findDefaultsExcept(long exceptId);

	/** Whether another pipeline (any but {@code exceptId}) has this name, in any case. */
	@Query("select count(p) > 0 from Pipeline p where lower(p.name) = lower(:name) and p.id <> :exceptId")
	boolean nameTaken(String name, long exceptId);

}
