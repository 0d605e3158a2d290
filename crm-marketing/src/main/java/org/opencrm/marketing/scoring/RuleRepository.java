package org.opencrm.marketing.scoring;

import org.springframework.data.jpa.repository.JpaRepository;

interface RuleRepository extends JpaRepository<Rule, Long> {

}
