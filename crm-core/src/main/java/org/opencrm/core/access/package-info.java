/**
 * Who may see and change a customer (AccountAccess): the one customer check every module
 * calls before it records something about an account or contact.
 */
@org.springframework.modulith.NamedInterface("access")
package org.opencrm.core.access;
