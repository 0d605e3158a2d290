-- The queue orders by the deadline its SLA column shows: first response while none was sent,
-- then resolution (it ordered by resolution only). Tickets without a target keep sorting last.
update tickets
set queue_sort_at = coalesce(case when first_responded_at is null then first_response_due_at end,
                             resolution_due_at, opened_at + interval '36500 days')
where queue_sort_at is distinct from coalesce(case when first_responded_at is null then first_response_due_at end,
                                              resolution_due_at, opened_at + interval '36500 days');
