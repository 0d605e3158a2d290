-- The company as its customers see it (name and logo on the public pages): one row, edited by admins.
create table company_profile (
    id         bigint primary key check (id = 1),
    name       varchar(200),
    logo       bytea,
    logo_type  varchar(30),
    version    bigint      not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

insert into company_profile (id) values (1);
