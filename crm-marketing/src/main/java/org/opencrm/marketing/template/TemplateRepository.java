package org.opencrm.marketing.template;

import org.springframework.data.jpa.repository.JpaRepository;

interface TemplateRepository extends JpaRepository<EmailTemplate, Long> {

}
