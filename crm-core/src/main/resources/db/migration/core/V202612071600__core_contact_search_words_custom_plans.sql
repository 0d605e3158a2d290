-- The row triggers of contact_search_words (V202612071100) look words up by value and link rows by key on every
-- contact written. PL/pgSQL keeps one plan per statement per connection: planned while search_words was empty (a
-- new install, a test database, the first import) the look-ups stayed sequential scans as the table grew, until an
-- autoanalyze happened to invalidate them. A 100,000-row import (LargeImportTest) read search_words 126,378 times
-- in full (3.3 billion rows) after 21,000 contacts. Planned on each call instead (a few tenths of a millisecond
-- per contact), the look-ups use their indexes whatever the statistics said when the connection first used them;
-- the foreign key's checks fired inside these functions are planned the same way.
alter function contacts_search_words() set plan_cache_mode = force_custom_plan;
alter function search_word_ids(text[], text[]) set plan_cache_mode = force_custom_plan;
