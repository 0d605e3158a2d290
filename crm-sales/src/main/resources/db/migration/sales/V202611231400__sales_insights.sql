-- Sales insights: settings for after-sale follow-ups and "my day", the record of which won deals
-- already had their after-sale tasks scheduled, and the indexes the forecast, partner and quota
-- pages filter by.

-- One row (id = 1): the sales settings an admin edits.
create table sales_settings (
  id                    int primary key check (id = 1),
  follow_up_days        int not null default 14 check (follow_up_days between 1 and 365),
  untouched_lead_days   int not null default 7 check (untouched_lead_days between 1 and 365),
  version               bigint not null default 0,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);
insert into sales_settings (id) values (1);

-- A won deal whose follow-up and repurchase tasks were created: replaying DealWon finds its row
-- and creates nothing twice.
create table sales_after_sale_schedules (
  opportunity_id  bigint primary key references opportunities (id) on delete cascade,
  tasks_created   int not null,
  scheduled_at    timestamptz not null default now()
);

-- Closed deals by when they closed (forecast won/lost, win rate, partner performance).
create index opportunities_closed_idx on opportunities (status, closed_at, owner_id) where closed_at is not null;
-- Open deals by owner and close date (forecast per rep, "closing this month").
create index opportunities_open_owner_close_idx on opportunities (owner_id, close_date) where status = 'OPEN';
-- Partner performance: a partner's deals by status and close.
create index opportunities_partner_close_idx on opportunities (partner_account_id, status, closed_at)
  where partner_account_id is not null;
-- Quotas of a period for a team's users.
create index quotas_period_idx on quotas (period_type, period_start, user_id);
