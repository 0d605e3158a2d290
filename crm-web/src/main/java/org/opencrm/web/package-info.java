/**
 * The web application: pages, JSON API, security. It may use every module, but only
 * through their named interfaces (and the root packages' types), never their internals.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web", allowedDependencies = { "core :: *", "sales",
		"sales :: *", "marketing", "marketing :: *", "service", "service :: *" })
package org.opencrm.web;
