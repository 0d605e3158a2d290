package org.opencrm.core.user;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.opencrm.core.shared.BaseEntity;

@Entity
@Table(name = "teams")
class Team extends BaseEntity {

	private String name;

	protected Team() {
	}

	Team(String name) {
		this.name = name;
	}

	String getName() {
		return name;
	}

	void rename(String name) {
		this.name = name;
	}

}
