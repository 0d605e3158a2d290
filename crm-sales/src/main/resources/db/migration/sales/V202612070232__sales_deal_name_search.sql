-- The deal list's text filter and the search box find deals by words of their name
-- (ilike '%…%' served by trigrams).
create index opportunities_name_trgm_idx on opportunities using gin (name gin_trgm_ops);
