package org.opencrm.core.workflow;

import org.springframework.data.jpa.repository.JpaRepository;

interface WorkflowRuleRepository extends JpaRepository<WorkflowRule, Long> {

}
