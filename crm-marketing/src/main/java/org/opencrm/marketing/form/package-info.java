/**
 * Web forms and their submissions.
 */
@org.springframework.modulith.NamedInterface("form")
package org.opencrm.marketing.form;
