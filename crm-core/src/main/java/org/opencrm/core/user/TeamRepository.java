package org.opencrm.core.user;

import org.springframework.data.jpa.repository.JpaRepository;

interface TeamRepository extends JpaRepository<Team, Long> {

	boolean existsByNameIgnoreCase(String name);

}
