package org.opencrm.core.timeline;

import org.springframework.data.jpa.repository.JpaRepository;

interface InteractionRepository extends JpaRepository<Interaction, Long> {

}
