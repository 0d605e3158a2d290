package org.opencrm.service.knowledge;

import org.springframework.data.jpa.repository.JpaRepository;

interface KbCategoryRepository extends JpaRepository<KbCategory, Long> {

}
