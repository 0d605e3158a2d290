/**
 * Sales: leads, pipelines, opportunities, products, quotas, forecast, after-sale
 * follow-ups, partners. Uses core only, through its named interfaces; other modules hear
 * from sales through core's events and ports. The feature packages crm-web uses are named
 * interfaces; {@code aftersale}, {@code demo} and {@code report} are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sales", allowedDependencies = "core :: *")
package org.opencrm.sales;
