package org.opencrm.core.workflow;

import java.util.Optional;
import org.opencrm.core.mail.RenderedMail;

/**
 * The e-mail templates a "send template e-mail" action may use, merged for a contact;
 * implemented by the module that owns templates (marketing), so core needs no dependency
 * on it.
 */
public interface WorkflowTemplates {

	/** The template's name, empty when there is none with that id. */
	Optional<String> name(long templateId);

	/** The template merged for the contact. */
	RenderedMail render(long templateId, long contactId);

}
