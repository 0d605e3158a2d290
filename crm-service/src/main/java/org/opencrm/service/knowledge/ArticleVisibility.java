package org.opencrm.service.knowledge;

/** Public articles are on the help pages; internal ones only help agents. */
public enum ArticleVisibility {

	PUBLIC, INTERNAL

}
