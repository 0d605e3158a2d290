package org.opencrm.sales.opportunity;

import jakarta.persistence.EntityManager;

/** Spring Data's fragment behind {@link OpportunityChanges}. */
class OpportunityChangesImpl implements OpportunityChanges {

	private final EntityManager entityManager;

	OpportunityChangesImpl(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	@Override
	public void saveChanges(Opportunity deal) {
		if (!entityManager.contains(deal)) {
			throw new IllegalStateException("saveChanges is for a deal loaded in this transaction");
		}
		entityManager.flush();
	}

}
