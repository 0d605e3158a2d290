-- Ticket reports select by the day a ticket was opened or resolved; the detail export walks
-- opened_at in order, so its cursor returns the first rows at once.
create index tickets_opened_idx on tickets (opened_at, id);
create index tickets_resolved_idx on tickets (resolved_at) where resolved_at is not null;
