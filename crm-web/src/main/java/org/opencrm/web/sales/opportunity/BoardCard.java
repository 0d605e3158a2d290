package org.opencrm.web.sales.opportunity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.sales.opportunity.Board;
import org.opencrm.sales.opportunity.OpportunityRow;
import org.opencrm.web.system.Formats;
import org.springframework.context.MessageSource;

/**
 * A card of the pipeline board with its texts worked out here: up to 20 cards per stage,
 * and the expressions of each card ({@code @fmt.money}, the pick label, joined strings)
 * were most of the board's rendering (JFR in bench/load).
 */
record BoardCard(long id, String elementId, String pick, String pickLabel, String name, String accountName,
		String amountLine, String ownerName) {

	static BoardCard of(OpportunityRow card, Formats fmt, MessageSource messages, Locale locale) {
		return new BoardCard(card.id(), "card-" + card.id(), card.id() + ":" + card.version(),
				messages.getMessage("board.pick", new Object[] { card.name() }, locale), card.name(),
				card.accountName(), fmt.money(card.amount(), card.currency()) + " · " + card.closeDate(),
				card.ownerName());
	}

	/** Each column's cards by stage id. */
	static Map<Long, List<BoardCard>> byStage(Board board, Formats fmt, MessageSource messages, Locale locale) {
		Map<Long, List<BoardCard>> cards = new LinkedHashMap<>();
		if (board != null) {
			for (Board.Column column : board.columns()) {
				cards.put(column.stage().id(), column.cards().stream().map(c -> of(c, fmt, messages, locale)).toList());
			}
		}
		return cards;
	}

}
