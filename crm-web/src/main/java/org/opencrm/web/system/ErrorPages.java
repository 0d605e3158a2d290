package org.opencrm.web.system;

import jakarta.servlet.http.HttpServletRequest;
import org.opencrm.core.shared.BadCursorException;
import org.opencrm.core.shared.NotFoundException;
import org.opencrm.core.shared.StaleEditException;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Domain exceptions become friendly pages in one place; nothing shows a stack trace. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ErrorPages {

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	/** A paging link someone edited: say the link is broken rather than fail on the query. */
	@ExceptionHandler(BadCursorException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest() {
		return "error/400";
	}

	/** Someone else saved the record first: say so, and offer the fresh copy. */
	@ExceptionHandler({ StaleEditException.class, ObjectOptimisticLockingFailureException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict(HttpServletRequest request, Model model) {
		String path = request.getRequestURI();
		// The record's page is the edited path without its action suffix, e.g. /contacts/7.
		model.addAttribute("recordPath", path.replaceAll("/(edit|delete)$", ""));
		return "error/conflict";
	}
}
