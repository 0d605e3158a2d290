-- Appointments and tickets were built side by side; now that both tables exist, an appointment's
-- ticket must be a real one. (CSAT surveys keep a plain ticket id: a survey outlives a merged or
-- purged ticket, and it stores the number and subject it needs.)
alter table service_appointments add constraint service_appointments_ticket_fk
  foreign key (ticket_id) references tickets (id);
create index service_appointments_ticket_idx on service_appointments (ticket_id) where ticket_id is not null;
