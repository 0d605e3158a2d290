/**
 * The field-by-field audit trail every module writes its changes to.
 */
@org.springframework.modulith.NamedInterface("audit")
package org.opencrm.core.audit;
