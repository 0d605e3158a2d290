package org.opencrm.marketing.campaign;

import org.springframework.data.jpa.repository.JpaRepository;

interface CampaignRepository extends JpaRepository<Campaign, Long> {

}
