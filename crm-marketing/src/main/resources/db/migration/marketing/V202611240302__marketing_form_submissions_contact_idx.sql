-- Customer health counts an account's form submissions by its contacts.
create index form_submissions_contact_idx on form_submissions (contact_id, submitted_at) where contact_id is not null;
