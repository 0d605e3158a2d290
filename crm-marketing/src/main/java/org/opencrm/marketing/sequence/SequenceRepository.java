package org.opencrm.marketing.sequence;

import org.springframework.data.jpa.repository.JpaRepository;

interface SequenceRepository extends JpaRepository<Sequence, Long> {

}
