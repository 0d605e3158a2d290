-- A deal managers and admins delete from the deals list leaves the lead it was converted from converted, without the
-- link; the database clears it, so sales' opportunity package writes no SQL into the lead package's table.
alter table leads drop constraint leads_converted_opportunity_fk,
  add constraint leads_converted_opportunity_fk foreign key (converted_opportunity_id)
    references opportunities (id) on delete set null;
