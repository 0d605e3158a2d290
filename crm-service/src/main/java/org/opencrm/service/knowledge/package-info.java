/**
 * The knowledge base: articles, categories, FAQ.
 */
@org.springframework.modulith.NamedInterface("knowledge")
package org.opencrm.service.knowledge;
