package org.opencrm.core.health;

import org.opencrm.core.demo.DemoContext;
import org.opencrm.core.demo.DemoDataContributor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * After every module's demo data: health (and cross-sell affinity) computed once, so the
 * demo shows them at once.
 */
@Component
@Order(1000)
class HealthDemoData implements DemoDataContributor {

	private final HealthRecompute recompute;

	HealthDemoData(HealthRecompute recompute) {
		this.recompute = recompute;
	}

	@Override
	public void contribute(DemoContext context) {
		recompute.recomputeAll();
	}

}
