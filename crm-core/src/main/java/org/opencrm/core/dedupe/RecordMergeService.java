package org.opencrm.core.dedupe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opencrm.core.audit.AuditTrail;
import org.opencrm.core.port.RecordMerge;
import org.opencrm.core.shared.Actor;
import org.opencrm.core.shared.RuleViolationException;
import org.opencrm.core.shared.StaleEditException;
import org.opencrm.core.timeline.InteractionKind;
import org.opencrm.core.timeline.RecordInteraction;
import org.opencrm.core.timeline.TimelineService;
import org.opencrm.core.timeline.TimelineText;
import org.opencrm.core.user.Visibility;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges two or more contacts (or accounts, or leads) into one, the survivor: each field
 * takes the value chosen for it, every module moves what it keeps about the others onto
 * the survivor ({@link RecordMerge}), the others are deleted through their service, and
 * the survivor's history says "merged from" with the ids and the values taken from them.
 * One transaction, the rows locked in id order and every version compared first: it all
 * happens or nothing does. The merged-away records' addresses lead to the survivor
 * ({@link MergedRecords}).
 *
 * <p>
 * Who may: the pages and the API let managers and admins merge (a merge deletes records,
 * as only they may); the records must be ones the user may see ({@link Visibility}).
 */
@Service
public class RecordMergeService {

	/** More at once is a slip of the hand, not a customer. */
	static final int MAX_RECORDS = 10;

	private final Map<RecordType, MergeTarget<?>> targets = new LinkedHashMap<>();

	private final ObjectProvider<RecordMerge> modules;

	private final AuditTrail audit;

	private final TimelineService timeline;

	private final MergedRecords tombstones;

	private final Clock clock;

	RecordMergeService(List<MergeTarget<?>> targets, ObjectProvider<RecordMerge> modules, AuditTrail audit,
			TimelineService timeline, MergedRecords tombstones, Clock clock) {
		targets.forEach(t -> this.targets.put(t.type(), t));
		this.modules = modules;
		this.audit = audit;
		this.timeline = timeline;
		this.tombstones = tombstones;
		this.clock = clock;
	}

	/**
	 * The merge page for these records (the first is the proposed survivor): each field's
	 * value per record, the default pick, and what would move.
	 */
	@Transactional(readOnly = true)
	public MergePreview preview(RecordType type, List<Long> ids, Visibility visibility) {
		checkIds(ids.isEmpty() ? -1 : ids.get(0), ids.size() > 1 ? ids.subList(1, ids.size()) : List.of());
		return preview(target(type), ids, visibility);
	}

	private <T> MergePreview preview(MergeTarget<T> target, List<Long> ids, Visibility visibility) {
		List<T> records = ids.stream().map(id -> target.load(id, visibility)).toList();
		records.forEach(target::requireMergeable);
		Map<String, Long> defaults = new LinkedHashMap<>();
		Map<String, T> chosen = choose(target, records, Map.of());
		List<Long> recordIds = new ArrayList<>(ids);
		chosen.forEach((field, record) -> defaults.put(field, recordIds.get(records.indexOf(record))));
		List<MergePreview.Side> sides = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			T r = records.get(i);
			sides.add(new MergePreview.Side(ids.get(i), target.version(r), target.title(r), target.values(r),
					moves(target.type(), ids.get(i))));
		}
		return new MergePreview(target.type(), sides, target.fields(), defaults);
	}

	/**
	 * What every module would move with the record: kind → rows, kinds with rows only.
	 */
	private Map<String, Long> moves(RecordType type, long id) {
		Map<String, Long> moves = new TreeMap<>();
		modules.orderedStream().flatMap(m -> (switch (type) {
			case CONTACT -> m.countContact(id);
			case ACCOUNT -> m.countAccount(id);
			case LEAD -> m.countLead(id);
		}).entrySet().stream())
			.filter(e -> e.getValue() > 0)
			.forEach(e -> moves.merge(e.getKey(), e.getValue(), Long::sum));
		return moves;
	}

	/**
	 * Merges the records; returns the survivor's id.
	 * @throws RuleViolationException for a request that can't be one (one record, the
	 * same twice, a field that isn't one or a value from a record not in the merge)
	 * @throws StaleEditException when any record changed since the user saw it
	 */
	@Transactional
	public long merge(MergeCommand cmd, Visibility visibility) {
		List<Long> others = cmd.merged().stream().map(MergeCommand.Merged::id).toList();
		checkIds(cmd.survivorId(), others);
		return merge(target(cmd.type()), cmd, others, visibility);
	}

	private <T> long merge(MergeTarget<T> target, MergeCommand cmd, List<Long> others, Visibility visibility) {
		List<Long> ids = new ArrayList<>();
		ids.add(cmd.survivorId());
		ids.addAll(others);
		checkFields(target, cmd.fields(), ids);
		target.lock(ids);
		T survivor = target.load(cmd.survivorId(), visibility);
		checkVersion(target, survivor, cmd.survivorId(), cmd.survivorVersion());
		target.requireMergeable(survivor);
		List<T> records = new ArrayList<>();
		records.add(survivor);
		for (MergeCommand.Merged m : cmd.merged()) {
			T record = target.load(m.id(), visibility);
			checkVersion(target, record, m.id(), m.version());
			target.requireMergeable(record);
			records.add(record);
		}
		Map<String, T> chosen = choose(target, records, byId(cmd.fields(), ids, records));
		for (int i = 1; i < records.size(); i++) {
			T record = records.get(i);
			long other = ids.get(i);
			Set<String> taken = chosen.entrySet()
				.stream()
				.filter(e -> e.getValue() == record)
				.map(Map.Entry::getKey)
				.collect(Collectors.toSet());
			modules.orderedStream().forEach(m -> {
				switch (target.type()) {
					case CONTACT -> m.moveContact(other, cmd.survivorId());
					case ACCOUNT -> m.moveAccount(other, cmd.survivorId());
					case LEAD -> m.moveLead(other, cmd.survivorId(), taken);
				}
			});
		}
		records.subList(1, records.size()).forEach(r -> target.delete(r, visibility));
		target.update(survivor, chosen, records, visibility);
		record(target, cmd.survivorId(), others, chosen, survivor, records);
		return cmd.survivorId();
	}

	private <T> void record(MergeTarget<T> target, long survivorId, List<Long> others, Map<String, T> chosen,
			T survivor, List<T> records) {
		audit.merged(target.type().code(), survivorId, "mergedFrom", null,
				others.stream().map(id -> "#" + id).collect(Collectors.joining(", ")));
		chosen.forEach((field, from) -> {
			if (from != survivor) {
				long fromId = others.get(records.indexOf(from) - 1);
				audit.merged(target.type().code(), survivorId, field, "#" + fromId, target.stored(from, field));
			}
		});
		String names = records.subList(1, records.size()).stream().map(target::title).collect(Collectors.joining(", "));
		// A lead is not on the timeline: its target noted the merge in its update.
		if (target.accountOf(survivor) != null || target.contactOf(survivor) != null) {
			timeline.record(new RecordInteraction(InteractionKind.SYSTEM, clock.instant(), target.accountOf(survivor),
					target.contactOf(survivor), TimelineText.of("timeline.merged", names), null, "core",
					"merge:" + others.stream().map(String::valueOf).collect(Collectors.joining(","))));
		}
		others.forEach(id -> tombstones.record(target.type(), id, survivorId, Actor.currentIdOrNull()));
	}

	/**
	 * Each field's source: the one asked for, else the type's preference, else the
	 * survivor's value when it has one, else the first other record with one.
	 */
	private static <T> Map<String, T> choose(MergeTarget<T> target, List<T> records, Map<String, T> asked) {
		Map<String, T> chosen = new LinkedHashMap<>();
		for (String field : target.fields()) {
			T pick = asked.get(field);
			if (pick == null) {
				pick = target.preferred(field, records);
			}
			if (pick == null) {
				pick = records.stream()
					.filter(r -> MergeValues.present(target.values(r).get(field)))
					.findFirst()
					.orElse(records.get(0));
			}
			chosen.put(field, pick);
		}
		return chosen;
	}

	private static <T> Map<String, T> byId(Map<String, Long> fields, List<Long> ids, List<T> records) {
		Map<String, T> asked = new LinkedHashMap<>();
		fields.forEach((field, id) -> asked.put(field, records.get(ids.indexOf(id))));
		return asked;
	}

	private static void checkIds(long survivorId, List<Long> others) {
		if (others.isEmpty()) {
			throw RuleViolationException.onField("merged", "merge.tooFew", "Pick at least two records to merge.");
		}
		if (others.size() + 1 > MAX_RECORDS) {
			throw RuleViolationException.onField("merged", "merge.tooMany", "Merge at most {0} records at once.",
					MAX_RECORDS);
		}
		Set<Long> seen = new HashSet<>();
		seen.add(survivorId);
		for (long id : others) {
			if (!seen.add(id)) {
				throw RuleViolationException.onField("merged", "merge.sameTwice",
						"Record {0} is named twice; a record can't be merged with itself.", id);
			}
		}
	}

	private static void checkFields(MergeTarget<?> target, Map<String, Long> fields, List<Long> ids) {
		fields.forEach((field, id) -> {
			if (!target.fields().contains(field)) {
				throw RuleViolationException.onField("fields", "merge.unknownField",
						"\"{0}\" is not a field one can choose in a merge.", field);
			}
			if (id == null || !ids.contains(id)) {
				throw RuleViolationException.onField("fields", "merge.fieldSource",
						"The value for \"{0}\" must come from one of the records being merged.", field);
			}
		});
	}

	private static <T> void checkVersion(MergeTarget<T> target, T record, long id, long version) {
		if (target.version(record) != version) {
			throw new StaleEditException(target.type().code(), id, version, target.version(record));
		}
	}

	private MergeTarget<?> target(RecordType type) {
		MergeTarget<?> target = targets.get(type);
		if (target == null) {
			throw new IllegalArgumentException("No merge for " + type);
		}
		return target;
	}

}
