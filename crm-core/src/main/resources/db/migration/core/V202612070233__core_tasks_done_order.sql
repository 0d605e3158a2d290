-- "My tasks → Done" lists tasks by when they were done, latest first.
create index tasks_assignee_done_idx on tasks (assignee_id, status, (coalesce(completed_at, due_at)), id);
