package org.opencrm.core.imports;

import java.util.List;
import java.util.Map;
import org.opencrm.core.user.Role;
import org.opencrm.core.user.Visibility;

/**
 * A record type that can be imported: a bean in the module owning the records, writing
 * through that module's service so an import does what a user's edit does (rules,
 * version, field history, events).
 */
public interface ImportTarget {

	/** {@code contacts}, {@code accounts}, {@code leads}. */
	String type();

	/** The fields a file may fill, in the order the wizard lists them. */
	List<ImportField> fields();

	/**
	 * The ways a row may find the record it updates ({@code email}, {@code name}, …);
	 * without one, every row creates.
	 */
	List<String> matchKeys();

	/** Who may import this type: those who may create such records. */
	boolean mayImport(Role role);

	/**
	 * Checks a row and, unless {@code dryRun}, writes it. A dry run writes nothing and
	 * answers what the row would do. A rule the service enforces may still throw on a
	 * real run; the row is then rejected with its message.
	 */
	ImportOutcome apply(ImportRow row, String matchKey, Visibility visibility, boolean dryRun);

	/** Undoes a created record (deletes it). */
	void undoCreate(long id, Visibility visibility);

	/** Puts back the fields an update changed. */
	void undoUpdate(long id, Map<String, String> before, Visibility visibility);

}
