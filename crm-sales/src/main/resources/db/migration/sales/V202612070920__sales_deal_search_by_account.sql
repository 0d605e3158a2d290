-- The search box finds deals through their account's name (OpportunityList.search): for each matching account the
-- first few deals the user may see by close date. With the owner and close date in one index that is a short range
-- per account, however many deals the account has (the bench's largest, 6,570 of one rep's); without it the search
-- read and sorted every deal of the rep (12,869) to show ten.
create index opportunities_account_owner_close_idx on opportunities (account_id, owner_id, close_date, id);
