package org.opencrm.core.company;

import org.springframework.data.jpa.repository.JpaRepository;

interface CompanyProfileRepository extends JpaRepository<CompanyProfile, Long> {

}
