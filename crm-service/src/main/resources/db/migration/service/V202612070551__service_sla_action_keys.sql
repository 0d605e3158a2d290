-- The actions an SLA breach caused were stored in English ("manager notified, priority raised
-- to HIGH"): now as message keys, shown in the reader's language (the keys of the note the
-- breach leaves on the ticket). Existing rows are converted; an empty array is a breach that
-- was recorded with no action ("recorded"); a warning has none (null).
alter table sla_events add column action_keys varchar(100)[];

update sla_events e set action_keys = array(
  select case
           when a = 'manager notified' then 'ticket.note.sla.managerNotified'
           when a in ('priority raised to NORMAL', 'priority raised to HIGH', 'priority raised to URGENT')
             then 'ticket.note.sla.priorityRaised.' || substr(a, length('priority raised to ') + 1)
           when a = 'reassigned' then 'ticket.note.sla.reassigned'
         end
  from unnest(string_to_array(e.actions, ', ')) with ordinality as t(a, n)
  where a in ('manager notified', 'reassigned', 'priority raised to NORMAL', 'priority raised to HIGH',
              'priority raised to URGENT')
  order by n)
where e.actions is not null;

alter table sla_events drop column actions;
