package org.opencrm.service.knowledge;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.opencrm.core.shared.BaseEntity;

@Entity
@Table(name = "kb_categories")
class KbCategory extends BaseEntity {

	private String name;

	private String description;

	private int position;

	protected KbCategory() {
	}

	KbCategory(String name, String description, int position) {
		this.name = name;
		this.description = description;
		this.position = position;
	}

	String getName() {
		return name;
	}

}
