-- An engagement is counted once: the same address, type, campaign and moment is the same
-- engagement, however often its event is delivered (a re-sent publication, two nodes).
delete from engagements a using engagements b
 where a.id > b.id and a.email = b.email and a.type = b.type
   and a.campaign_id is not distinct from b.campaign_id and a.occurred_at = b.occurred_at;
create unique index engagements_once_idx on engagements (email, type, coalesce(campaign_id, 0), occurred_at);
