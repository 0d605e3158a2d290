package org.opencrm.core.user;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<User, Long> {

	@Query("select u from User u left join fetch u.team where lower(u.username) = lower(?1)")
	Optional<User> findByUsername(String username);

	boolean existsByUsernameIgnoreCase(String username);

	/**
	 * Enabled accounts with an e-mail address whose username or address is {@code key}
	 * (lower-cased).
	 */
	@Query("select u from User u where u.enabled and u.email is not null"
			+ " and (lower(u.username) = ?1 or lower(u.email) = ?1) order by u.id")
	java.util.List<User> findForReset(String key);

}
