-- The manager dashboard's CSAT per month (ServiceTrendQuery.csat) counted the surveys of its range with the team
-- condition, which hashes every account of the team (26,114 on the bench data: 9.3 ms a view, growing with the
-- surveys). It now reads this roll-up, kept like ticket_day_stats: per UTC day the ticket was resolved and pair of
-- teams (the survey agent's team, the team of the account's owner; 0 for none), the surveys, the answers and the sum
-- of their ratings. The reader's local months are whole UTC days plus the surveys between each local midnight and
-- the nearest UTC one, read from the surveys (csat_surveys_resolved_idx).
--
-- Kept by statement triggers on csat_surveys (transition tables), on accounts (an owner moving to another team) and
-- on users (a person changing team), as ticket_day_stats is; they share its locks (ticket_trend_lock).
create table csat_day_stats (
  day              date not null,
  agent_team_id    bigint not null,
  owner_team_id    bigint not null,
  surveys          bigint not null default 0,
  responses        bigint not null default 0,
  rating_sum       bigint not null default 0,
  primary key (day, agent_team_id, owner_team_id)
);

create type csat_trend_change as (
  sign          int,
  agent_team_id bigint,
  owner_team_id bigint,
  resolved_at   timestamptz,
  rating        int
);

create function csat_trend_fold(changes csat_trend_change[]) returns void language sql as $$
  insert into csat_day_stats as s (day, agent_team_id, owner_team_id, surveys, responses, rating_sum)
  select (resolved_at at time zone 'UTC')::date, agent_team_id, owner_team_id, sum(sign),
         sum(sign * (rating is not null)::int), sum(sign * coalesce(rating, 0))
  from unnest(changes)
  group by 1, 2, 3
  having sum(sign) <> 0 or sum(sign * (rating is not null)::int) <> 0 or sum(sign * coalesce(rating, 0)) <> 0
  order by 1, 2, 3
  on conflict (day, agent_team_id, owner_team_id) do update
    set surveys = s.surveys + excluded.surveys, responses = s.responses + excluded.responses,
        rating_sum = s.rating_sum + excluded.rating_sum;
$$;

create function csat_trend_inserted() returns trigger language plpgsql as $$
begin
  perform ticket_trend_lock(array(select distinct account_id from new_surveys where account_id is not null),
                            array(select distinct agent_id from new_surveys where agent_id is not null));
  perform csat_trend_fold(array(
    select row(1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), s.resolved_at, s.rating)::csat_trend_change
    from new_surveys s
    left join users ua on ua.id = s.agent_id
    left join accounts a on a.id = s.account_id
    left join users uo on uo.id = a.owner_id));
  return null;
end $$;

create function csat_trend_deleted() returns trigger language plpgsql as $$
begin
  perform ticket_trend_lock(array(select distinct account_id from old_surveys where account_id is not null),
                            array(select distinct agent_id from old_surveys where agent_id is not null));
  perform csat_trend_fold(array(
    select row(-1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), s.resolved_at, s.rating)::csat_trend_change
    from old_surveys s
    left join users ua on ua.id = s.agent_id
    left join accounts a on a.id = s.account_id
    left join users uo on uo.id = a.owner_id));
  return null;
end $$;

-- Only surveys whose counted columns changed (most updates: sent_at, comment), found by grouping both versions by id.
create function csat_trend_updated() returns trigger language plpgsql as $$
declare
  moved bigint[];
begin
  select array_agg(id) into moved from (
    select id from (
      select id, (agent_id, account_id, resolved_at, rating) as counted from new_surveys
      union all
      select id, (agent_id, account_id, resolved_at, rating) from old_surveys
    ) v
    group by id having count(distinct counted) > 1
  ) m;
  if moved is null then
    return null;
  end if;
  perform ticket_trend_lock(
    array(select n.account_id from new_surveys n join unnest(moved) m (id) on m.id = n.id where n.account_id is not null
          union
          select o.account_id from old_surveys o join unnest(moved) m (id) on m.id = o.id where o.account_id is not null),
    array(select n.agent_id from new_surveys n join unnest(moved) m (id) on m.id = n.id where n.agent_id is not null
          union
          select o.agent_id from old_surveys o join unnest(moved) m (id) on m.id = o.id where o.agent_id is not null));
  perform csat_trend_fold(array(
    select row(v.sign, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), v.resolved_at, v.rating)::csat_trend_change
    from (select 1 as sign, n.agent_id, n.account_id, n.resolved_at, n.rating
          from new_surveys n join unnest(moved) m (id) on m.id = n.id
          union all
          select -1, o.agent_id, o.account_id, o.resolved_at, o.rating
          from old_surveys o join unnest(moved) m (id) on m.id = o.id) v
    left join users ua on ua.id = v.agent_id
    left join accounts a on a.id = v.account_id
    left join users uo on uo.id = a.owner_id));
  return null;
end $$;

create function csat_trend_truncated() returns trigger language plpgsql as $$
begin
  delete from csat_day_stats;
  return null;
end $$;

create trigger csat_surveys_trend_insert after insert on csat_surveys
  referencing new table as new_surveys for each statement execute function csat_trend_inserted();
create trigger csat_surveys_trend_update after update on csat_surveys
  referencing old table as old_surveys new table as new_surveys for each statement execute function csat_trend_updated();
create trigger csat_surveys_trend_delete after delete on csat_surveys
  referencing old table as old_surveys for each statement execute function csat_trend_deleted();
create trigger csat_surveys_trend_truncate after truncate on csat_surveys
  for each statement execute function csat_trend_truncated();

-- An account whose owner moved to another team: its surveys leave the old owner's team for the new one's.
create function csat_trend_account_owner_changed() returns trigger language plpgsql as $$
begin
  perform csat_trend_fold(array(
    select row(x.sign, coalesce(ua.team_id, 0), x.owner_team_id, s.resolved_at, s.rating)::csat_trend_change
    from (
      -- both versions grouped by id (a join of two transition tables is a nested loop to the planner)
      with owners as (
        select id, max(owner_id) filter (where sign = 1) as new_owner, max(owner_id) filter (where sign = -1) as old_owner
        from (select id, owner_id, 1 as sign from new_accounts union all select id, owner_id, -1 from old_accounts) v
        group by id
      ), moved as (
        select o.id, coalesce(un.team_id, 0) as new_team, coalesce(uo.team_id, 0) as old_team
        from owners o left join users un on un.id = o.new_owner left join users uo on uo.id = o.old_owner
        where o.new_owner is distinct from o.old_owner and coalesce(un.team_id, 0) <> coalesce(uo.team_id, 0)
      )
      select id, 1 as sign, new_team as owner_team_id from moved
      union all
      select id, -1, old_team from moved
    ) x
    join csat_surveys s on s.account_id = x.id
    left join users ua on ua.id = s.agent_id));
  return null;
end $$;
create trigger accounts_owner_to_csat_trend after update on accounts
  referencing old table as old_accounts new table as new_accounts
  for each statement execute function csat_trend_account_owner_changed();

-- People who changed team: their surveys and their accounts' surveys move from the old team pair to the new one.
create function csat_trend_user_team_changed() returns trigger language plpgsql as $$
begin
  perform csat_trend_fold(array(
    with versions as (
      select id, max(team_id) filter (where sign = 1) as new_team, max(team_id) filter (where sign = -1) as old_team
      from (select id, team_id, 1 as sign from new_users union all select id, team_id, -1 from old_users) v
      group by id
    ), moved as (
      select id, coalesce(old_team, 0) as old_team, coalesce(new_team, 0) as new_team
      from versions where new_team is distinct from old_team
    ), touched as (
      select s.* from csat_surveys s
      where s.id in (select id from csat_surveys where agent_id in (select id from moved)
                     union
                     select s2.id from accounts a join csat_surveys s2 on s2.account_id = a.id
                     where a.owner_id in (select id from moved))
    ), teams as (
      select s.resolved_at, s.rating, coalesce(ua.team_id, 0) as at_new, coalesce(uo.team_id, 0) as ot_new,
             coalesce(ma.old_team, ua.team_id, 0) as at_old, coalesce(mo.old_team, uo.team_id, 0) as ot_old
      from touched s
      left join users ua on ua.id = s.agent_id
      left join moved ma on ma.id = s.agent_id
      left join accounts a on a.id = s.account_id
      left join users uo on uo.id = a.owner_id
      left join moved mo on mo.id = a.owner_id
    )
    select row(v.sign, v.at, v.ot, v.resolved_at, v.rating)::csat_trend_change
    from (select 1 as sign, at_new as at, ot_new as ot, resolved_at, rating, at_new, ot_new, at_old, ot_old from teams
          union all
          select -1, at_old, ot_old, resolved_at, rating, at_new, ot_new, at_old, ot_old from teams) v
    where (v.at_new, v.ot_new) <> (v.at_old, v.ot_old)));
  return null;
end $$;
create trigger users_team_to_csat_trend after update on users
  referencing old table as old_users new table as new_users
  for each statement execute function csat_trend_user_team_changed();

-- The roll-up from the surveys themselves: here, and after a bulk load with the triggers off (bench/dataset).
create function csat_trend_rebuild() returns void language sql as $$
  delete from csat_day_stats;
  select csat_trend_fold(array(
    select row(1, coalesce(ua.team_id, 0), coalesce(uo.team_id, 0), s.resolved_at, s.rating)::csat_trend_change
    from csat_surveys s
    left join users ua on ua.id = s.agent_id
    left join accounts a on a.id = s.account_id
    left join users uo on uo.id = a.owner_id));
$$;

lock table csat_surveys in share mode;
select csat_trend_rebuild();
