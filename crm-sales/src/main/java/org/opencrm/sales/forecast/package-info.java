/**
 * The forecast by period, owner and team.
 */
@org.springframework.modulith.NamedInterface("forecast")
package org.opencrm.sales.forecast;
