-- A converted lead stays converted when the person or company it became is deleted (it only loses
-- the link): converted_at, always set on conversion, marks it instead of the two ids. The old
-- check was unnamed, so it is found by what it says.
do $$
declare
  old_check text;
begin
  select conname into old_check from pg_constraint
   where conrelid = 'leads'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%converted_contact_id%';
  if old_check is not null then
    execute format('alter table leads drop constraint %I', old_check);
  end if;
end $$;
alter table leads add constraint leads_converted_check check (status <> 'CONVERTED' or converted_at is not null);
