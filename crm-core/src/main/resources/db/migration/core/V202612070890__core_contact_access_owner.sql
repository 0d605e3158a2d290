-- Who may see a contact is decided by one owner: its account's owner, or its own owner when it has no account
-- (AccountAccess). Asked through the account, every contact list, capped count and search built a hash of all the
-- accounts the reader may see and filtered every contact through it: at 1M contacts the list's count scanned
-- ~77,000 contacts behind that hash on each page (issue 19). The deciding owner is kept on the contact, so the rule
-- is a condition on the contact's own row, served by contacts_access_idx.
alter table contacts add column access_owner_id bigint;
comment on column contacts.access_owner_id is
  'Whose customer this contact is for record access: the account''s owner, or the contact''s owner without an account; null = everyone''s. Kept by triggers.';

-- A contact's copy follows its account and owner. "for share" on the account row: an owner change of that account
-- waits for this transaction (and this one for it), so a contact written while its account changes hands never
-- keeps the old owner.
create function contacts_access_owner() returns trigger language plpgsql as $$
begin
  if new.account_id is null then
    new.access_owner_id := new.owner_id;
  else
    select a.owner_id into new.access_owner_id from accounts a where a.id = new.account_id for share;
  end if;
  return new;
end $$;
create trigger contacts_access_owner_on_insert before insert on contacts
  for each row execute function contacts_access_owner();
create trigger contacts_access_owner_on_update before update of account_id, owner_id on contacts
  for each row when (old.account_id is distinct from new.account_id or old.owner_id is distinct from new.owner_id)
  execute function contacts_access_owner();

-- An account changing hands takes its contacts along (contacts_account_idx).
create function accounts_owner_to_contacts() returns trigger language plpgsql as $$
begin
  update contacts set access_owner_id = new.owner_id
  where account_id = new.id and access_owner_id is distinct from new.owner_id;
  return null;
end $$;
create trigger accounts_owner_to_contacts after update of owner_id on accounts
  for each row when (old.owner_id is distinct from new.owner_id)
  execute function accounts_owner_to_contacts();

update contacts c set access_owner_id = a.owner_id from accounts a where a.id = c.account_id and a.owner_id is not null;
update contacts set access_owner_id = owner_id where account_id is null and owner_id is not null;

-- The rule reads "coalesce(access_owner_id, 0) = any(…)" (0: nobody's, visible to all), one index condition that a
-- capped count answers from this index alone (access_owner_id included: the planner wants the column itself for an
-- index-only scan of an expression).
create index contacts_access_idx on contacts ((coalesce(access_owner_id, 0))) include (access_owner_id);
