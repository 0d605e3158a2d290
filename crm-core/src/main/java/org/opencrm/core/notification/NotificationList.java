package org.opencrm.core.notification;

import java.util.List;
import java.util.Locale;
import org.opencrm.core.shared.Keyset;
import org.opencrm.core.shared.KeysetPage;
import org.opencrm.core.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's notifications as they read them: the bell's unread count and the newest-first
 * list, each one statement over the recipient's index.
 */
@Service
public class NotificationList {

	/** The bell shows "99+" beyond this; counting stops there. */
	public static final int UNREAD_CAP = 99;

	private final JdbcClient jdbc;

	private final NotificationTexts texts;

	NotificationList(JdbcClient jdbc, NotificationTexts texts) {
		this.jdbc = jdbc;
		this.texts = texts;
	}

	/**
	 * The user's unread notifications, counted up to {@link #UNREAD_CAP} + 1 (an
	 * index-only read of {@code notifications_unread_idx}, however many there are).
	 */
	public int unreadCount(long userId) {
		return jdbc.sql("""
				select count(*) from (select 1 from notifications
				                      where recipient_id = ? and read_at is null limit ?) u
				""").params(userId, UNREAD_CAP + 1).query(Integer.class).single();
	}

	/**
	 * One page of the user's notifications, newest first (keyset by id), in
	 * {@code locale}; {@code unreadOnly} lists only those not read yet.
	 */
	@Transactional(readOnly = true)
	public KeysetPage<NotificationView> page(long userId, boolean unreadOnly, String cursor, int pageSize,
			Locale locale) {
		Keyset.Cursor at = Keyset.decode(cursor);
		boolean forward = at == null || at.forward();
		String after = at == null ? "" : forward ? " and n.id < :at" : " and n.id > :at";
		var query = jdbc.sql("""
				select n.id, n.kind, n.message_key, n.message_args, n.record_type, n.record_id, n.created_at, n.read_at,
				       a.full_name as actor_name
				from notifications n left join users a on a.id = n.actor_id
				where n.recipient_id = :user%s%s
				order by n.id %s limit :limit
				""".formatted(unreadOnly ? " and n.read_at is null" : "", after, forward ? "desc" : "asc"))
			.param("user", userId)
			.param("limit", pageSize + 1);
		if (at != null) {
			query = query.param("at", at.id());
		}
		List<NotificationView> rows = query
			.query((rs, i) -> new NotificationView(rs.getLong("id"), NotificationKind.valueOf(rs.getString("kind")),
					texts.render(rs.getString("message_key"), rs.getString("actor_name"),
							Rows.textArray(rs, "message_args"), locale),
					NotificationTexts.path(rs.getString("record_type"), Rows.longOrNull(rs, "record_id")),
					Rows.instantOrNull(rs, "created_at"), Rows.instantOrNull(rs, "read_at")))
			.list();
		return Keyset.page(rows, pageSize, at, v -> String.valueOf(v.id()), NotificationView::id, null);
	}

}
