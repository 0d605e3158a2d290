package org.opencrm.service.knowledge;

/**
 * A draft is seen by editors only; a published article by agents, and by customers when
 * public.
 */
public enum ArticleStatus {

	DRAFT, PUBLISHED

}
