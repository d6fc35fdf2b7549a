-- Facts made per source, counted when a message gets its fact (in the group append, FactIntake.store), so that the
-- flows' totals and the meters read one row per source instead of counting every message ever received: that count
-- was a scan of all of intake_messages every 10 s, which grows without bound at a country's volume.
create table intake_fact_counts (
    source_system varchar(64) primary key,
    facts         bigint      not null check (facts >= 0)
);
insert into intake_fact_counts (source_system, facts)
    select source_system, count(*) from intake_messages where fact_id is not null group by 1;
