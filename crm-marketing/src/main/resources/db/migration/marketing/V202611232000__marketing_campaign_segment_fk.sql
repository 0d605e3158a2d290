-- Campaigns and segments were built side by side; now that both tables exist, a campaign's segment
-- can't disappear under it (SegmentService turns the violation into "still in use").
alter table campaigns add constraint campaigns_segment_fk foreign key (segment_id) references segments (id);
create index campaigns_segment_idx on campaigns (segment_id) where segment_id is not null;
