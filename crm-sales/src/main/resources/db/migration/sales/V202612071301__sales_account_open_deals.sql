-- A customer's open deals on their page (SalesCustomerSummary: the first ten by close date) as a rep sees them
-- (their own) walked the account's every deal of theirs in close-date order through
-- opportunities_account_owner_close_idx and dropped the closed ones, which close earlier: 3,978 rows and 4,000
-- buffers for the bench's largest account (2,299 open of 6,570), growing with the account. The rep's open deals of
-- the account alone, in close-date order, make it the first ten entries. (Everyone else reads the account's open
-- deals from opportunities_account_idx, backwards, already ten entries: a manager's team is a filter on them.)
create index opportunities_account_owner_open_idx on opportunities (account_id, owner_id, close_date, id)
  where status = 'OPEN';
