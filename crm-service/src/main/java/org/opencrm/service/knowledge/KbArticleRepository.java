package org.opencrm.service.knowledge;

import org.springframework.data.jpa.repository.JpaRepository;

interface KbArticleRepository extends JpaRepository<KbArticle, Long> {

}
