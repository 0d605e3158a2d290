/**
 * Users, teams, roles and record visibility, password rules and the security log.
 */
@org.springframework.modulith.NamedInterface("user")
package org.opencrm.core.user;
