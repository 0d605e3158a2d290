/**
 * The shared kernel every other module builds on: users and teams, accounts, contacts,
 * timeline, tasks, audit, search, customer access and health, the report SPI, the
 * cross-module events and ports. It depends on no other module; its feature packages are
 * its named interfaces.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Core", allowedDependencies = {})
package org.opencrm.core;
