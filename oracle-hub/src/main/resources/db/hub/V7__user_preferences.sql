-- What an API user chose in the admin UI (its language), kept across sign-ins.
create table user_preferences (
    user_name   text        primary key,
    language    text        not null check (language in ('kk', 'ru', 'en')),
    updated_at  timestamptz not null default clock_timestamp()
);
