/**
 * The manager dashboard's sales figures.
 */
@org.springframework.modulith.NamedInterface("insight")
package org.opencrm.sales.insight;
