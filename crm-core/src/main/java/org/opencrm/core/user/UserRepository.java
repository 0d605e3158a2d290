package org.opencrm.core.user;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<User, Long> {

	@Query("select u from User u left join fetch u.team where lower(u.username) = lower(?1)")
	Optional<User> findByUsername(String username);

	boolean existsByUsernameIgnoreCase(String username);
}
