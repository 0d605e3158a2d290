/**
 * Privacy tools: a person's data exported from every module, and erased from every table,
 * through each module's {@link org.opencrm.core.port.PersonalData}.
 */
@org.springframework.modulith.NamedInterface("privacy")
package org.opencrm.core.privacy;
