package org.opencrm.web.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * The messages a redirect carries to the next page ("Ticket claimed."), kept in the
 * session as Spring's {@link SessionFlashMapManager} does, but at most {@value #KEPT} of
 * them: a flash map lives three minutes, and one whose redirect is never followed (a
 * script, a double submit, a client that stops at the 302) used to stay for all of them.
 * POSTs in a row then grew the session attribute by one map each, and every request read
 * the whole list and every POST wrote it back: a thousand maps in a minute made "next
 * ticket" spend two thirds of its CPU on Java serialization. The newest are kept, so the
 * page the browser is being sent to still finds its message.
 */
@Component("flashMapManager")
class FlashMessages extends SessionFlashMapManager {

	/** More than any person has redirects in flight at once (tabs, htmx). */
	static final int KEPT = 10;

	@Override
	protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
		super.updateFlashMaps(newest(flashMaps), request, response);
	}

	/** The last {@value #KEPT} of the list, which is in the order the maps were saved. */
	static List<FlashMap> newest(List<FlashMap> flashMaps) {
		if (flashMaps.size() <= KEPT) {
			return flashMaps;
		}
		return new CopyOnWriteArrayList<>(flashMaps.subList(flashMaps.size() - KEPT, flashMaps.size()));
	}

}
