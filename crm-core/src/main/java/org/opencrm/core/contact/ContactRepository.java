package org.opencrm.core.contact;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ContactRepository extends JpaRepository<Contact, Long> {

	/**
	 * Contacts with this address (already lower case) who still get marketing e-mail;
	 * uses the lower(email) index.
	 */
	@Query("select c from Contact c where lower(c.email) = :email and c.consentEmail = true order by c.id")
	List<Contact> findConsentingByEmail(String email);

}
