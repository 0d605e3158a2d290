/**
 * Canned replies for agents.
 */
@org.springframework.modulith.NamedInterface("canned")
package org.opencrm.service.canned;
