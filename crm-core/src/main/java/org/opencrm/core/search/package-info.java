/**
 * Global search and the call-centre look-up across customers.
 */
@org.springframework.modulith.NamedInterface("search")
package org.opencrm.core.search;
