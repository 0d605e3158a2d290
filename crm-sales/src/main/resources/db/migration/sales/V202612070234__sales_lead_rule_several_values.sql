-- A lead rule's condition may hold several comma-separated values ("Germany, Austria, Switzerland").
alter table lead_assignment_rules
  alter column match_country type varchar(500),
  alter column match_industry type varchar(500),
  alter column match_source type varchar(500);
