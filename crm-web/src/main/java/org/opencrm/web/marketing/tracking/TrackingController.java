package org.opencrm.web.marketing.tracking;

import java.net.URI;
import java.util.Base64;
import org.opencrm.marketing.tracking.InvalidTokenException;
import org.opencrm.marketing.tracking.TrackingService;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What e-mail recipients reach without logging in: the open pixel, tracked links (which
 * only ever redirect to the URL inside the signed token) and the unsubscribe page with
 * its one-click POST (also RFC 8058's, sent by mail providers). A forged or altered token
 * is a 400 page.
 */
@Controller
class TrackingController {

	/** A transparent 1×1 GIF. */
	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private final TrackingService tracking;

	TrackingController(TrackingService tracking) {
		this.tracking = tracking;
	}

	@GetMapping("/t/o/{token}")
	ResponseEntity<byte[]> open(@PathVariable String token) {
		tracking.opened(token);
		return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
	}

	/**
	 * A plain 302 with the signed URL as it is (a view redirect would expand {…} in it).
	 */
	@GetMapping("/t/c/{token}")
	ResponseEntity<Void> click(@PathVariable String token) {
		String url = tracking.clicked(token);
		try {
			return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url)).build();
		}
		catch (IllegalArgumentException ex) {
			// A link written with spaces or the like: send the browser there encoded
			// rather than fail.
			return ResponseEntity.status(HttpStatus.FOUND)
				.location(URI.create(url.replace(" ", "%20").replace("\"", "%22")))
				.build();
		}
	}

	@GetMapping("/u/{token}")
	String unsubscribePage(@PathVariable String token, Model model) {
		model.addAttribute("request", tracking.unsubscribeRequest(token));
		model.addAttribute("token", token);
		return "marketing/tracking/unsubscribe";
	}

	@PostMapping("/u/{token}")
	String unsubscribe(@PathVariable String token, Model model) {
		tracking.unsubscribe(token);
		model.addAttribute("request", tracking.unsubscribeRequest(token));
		return "marketing/tracking/unsubscribed";
	}

	@ExceptionHandler(InvalidTokenException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid() {
		return "marketing/tracking/invalid";
	}

}
