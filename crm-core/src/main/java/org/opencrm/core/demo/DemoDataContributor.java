package org.opencrm.core.demo;

/**
 * A module's part of the demo company. The application runs every contributor, in
 * {@link org.springframework.core.annotation.Order order}, once, on an empty database,
 * when demo data is enabled; each fills its own tables (in bulk, so the demo starts in
 * seconds).
 */
public interface DemoDataContributor {

	void contribute(DemoContext context);

}
