-- Password reset links go through the outbox too; the index serves the per-address hourly cap.
alter table outbound_emails drop constraint outbound_emails_kind_check;
alter table outbound_emails add constraint outbound_emails_kind_check check (kind in ('REPLY', 'ACK', 'VERIFY', 'RESET'));
create index outbound_emails_reset_idx on outbound_emails (lower(to_address), created_at) where kind = 'RESET';
