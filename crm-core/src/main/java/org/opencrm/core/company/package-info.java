/**
 * The company running the CRM as its customers see it: the name and logo on the public
 * pages (web forms, unsubscribe, help centre, portal).
 */
@org.springframework.modulith.NamedInterface("company")
package org.opencrm.core.company;
