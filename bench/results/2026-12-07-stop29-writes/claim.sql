BEGIN;
select c.id as id from service_queue_members m cross join lateral (select t.id, t.queue_sort_at from tickets t where t.queue_id = m.queue_id and t.assignee_id is null and t.status in ('NEW', 'OPEN') order by t.queue_sort_at, t.id limit 1 for update of t skip locked) c where m.user_id = :agent order by c.queue_sort_at, c.id limit 1 \gset
select id, version from tickets where id = :id for no key update;
update tickets set assignee_id = :agent, status = 'OPEN', version = version + 1, updated_at = now() where id = :id;
ROLLBACK;
