package org.opencrm.web.dedupe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.dedupe.MergeCommand;
import org.opencrm.core.dedupe.MergePreview;
import org.opencrm.core.dedupe.RecordType;
import org.opencrm.core.shared.RuleViolationException;

/**
 * The merge page's form: the records (ids and the versions shown, in page order), which
 * one survives, and per field the record whose value it keeps ({@code fields[email]=12}).
 */
public class MergeForm {

	private String type;

	private Long survivor;

	private List<Long> ids = new ArrayList<>();

	private List<Long> versions = new ArrayList<>();

	private Map<String, Long> fields = new LinkedHashMap<>();

	private boolean confirm;

	static MergeForm of(MergePreview preview) {
		MergeForm form = new MergeForm();
		form.type = preview.type().code();
		form.survivor = preview.survivor().id();
		preview.records().forEach(r -> {
			form.ids.add(r.id());
			form.versions.add(r.version());
		});
		form.fields.putAll(preview.defaults());
		return form;
	}

	MergeCommand toCommand() {
		if (!confirm) {
			throw new RuleViolationException("merge.confirmMissing", "Tick the box to confirm the merge.");
		}
		if (survivor == null || ids.size() != versions.size() || !ids.contains(survivor)) {
			throw new RuleViolationException("merge.survivor", "Choose the record to keep.");
		}
		long survivorVersion = 0;
		List<MergeCommand.Merged> merged = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			if (ids.get(i) == null || versions.get(i) == null) {
				throw new RuleViolationException("merge.survivor", "Choose the record to keep.");
			}
			if (ids.get(i).equals(survivor)) {
				survivorVersion = versions.get(i);
			}
			else {
				merged.add(new MergeCommand.Merged(ids.get(i), versions.get(i)));
			}
		}
		return new MergeCommand(RecordType.of(type), survivor, survivorVersion, merged, fields);
	}

	public String getType() {
		return type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public Long getSurvivor() {
		return survivor;
	}

	public void setSurvivor(Long survivor) {
		this.survivor = survivor;
	}

	public List<Long> getIds() {
		return ids;
	}

	public void setIds(List<Long> ids) {
		this.ids = ids;
	}

	public List<Long> getVersions() {
		return versions;
	}

	public void setVersions(List<Long> versions) {
		this.versions = versions;
	}

	public Map<String, Long> getFields() {
		return fields;
	}

	public void setFields(Map<String, Long> fields) {
		this.fields = fields;
	}

	public boolean isConfirm() {
		return confirm;
	}

	public void setConfirm(boolean confirm) {
		this.confirm = confirm;
	}

}
