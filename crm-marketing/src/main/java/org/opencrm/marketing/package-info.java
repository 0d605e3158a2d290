/**
 * Marketing: segments, web forms, lead scoring, templates, campaigns, tracking,
 * attribution, nurture sequences. Uses core only, through its named interfaces. The
 * feature packages crm-web uses are named interfaces; {@code send} (the outbox workers)
 * and {@code demo} are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Marketing", allowedDependencies = "core :: *")
package org.opencrm.marketing;
