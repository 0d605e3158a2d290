-- The ticket list's text filter and the search box find tickets by words of the subject
-- (ilike '%…%' served by trigrams).
create index tickets_subject_trgm_idx on tickets using gin (subject gin_trgm_ops);
