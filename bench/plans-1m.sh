#!/usr/bin/env bash
# Query plans of the search box, the contact list and the manager dashboard's backlog at a million
# contacts with realistic names (issue 19 items 4–6): builds crm_bench_plans from the project's
# migrations with generate_series, then prints EXPLAIN (ANALYZE, BUFFERS) of each statement as the
# application sends it, for a rep and a manager.
#
#   bench/plans-1m.sh [psql connection options]     e.g. -h 127.0.0.1 -U postgres
# Loading takes a few minutes on 2 cores; SKIP_LOAD=1 reuses the database. CONTACTS (1,000,000),
# ACCOUNTS (50,000), TICKETS (100,000) size it.
set -euo pipefail
cd "$(dirname "$0")/.."
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "$@")
DB=crm_bench_plans
CONTACTS=${CONTACTS:-1000000}
ACCOUNTS=${ACCOUNTS:-50000}
TICKETS=${TICKETS:-100000}

if [ "${SKIP_LOAD:-0}" != 1 ]; then
"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
# Migrations in version order, whatever module holds them.
for f in $(ls crm-*/src/main/resources/db/migration/*/V*.sql | awk -F/ '{print $NF "\t" $0}' | sort | cut -f2); do
  "${PSQL[@]}" -d "$DB" -f "$f"
done
"${PSQL[@]}" -d "$DB" -v contacts="$CONTACTS" -v accounts="$ACCOUNTS" -v tickets="$TICKETS" <<'SQL'
-- Two teams of 10 reps and a manager each, 30 reps without a team.
insert into teams (name) values ('North'), ('South');
insert into users (username, full_name, password_hash, role, team_id)
select 'user' || g, 'User ' || g, 'x', 'SALES_REP',
       case when g <= 10 then (select id from teams where name = 'North') when g <= 20 then (select id from teams where name = 'South') end
from generate_series(1, 50) g;
insert into users (username, full_name, password_hash, role, team_id)
select 'manager', 'Manager', 'x', 'MANAGER', id from teams where name = 'North';
-- Accounts: owned round-robin by the 50 reps, every 10th unowned.
insert into accounts (name, industry, city, lifecycle_stage, owner_id, created_at)
select (array['Nord','Süd','Alpen','Rhein','Elbe','Main','Hansa','Baltic','Atlas','Orion'])[1 + g % 10] || ' '
       || (array['Systems','Logistik','Foods','Energie','Health','Bau','Werke','Data'])[1 + (g / 10) % 8] || ' ' || g,
       'Industry ' || (g % 20), 'City ' || (g % 300), (array['LEAD','CUSTOMER','OPPORTUNITY','CHURNED'])[1 + g % 4],
       case when g % 10 = 0 then null else (select min(id) from users) + g % 50 end, now() - make_interval(mins => g)
from generate_series(1, :accounts) g;
-- Contacts with real first and last names (Schmidt, Müller, …; a skewed pick), 2% without account.
insert into contacts (account_id, first_name, last_name, email, phone, lifecycle_stage, owner_id, created_at)
select case when g % 50 = 0 then null else (select min(id) from accounts) + g % :accounts end,
       (array['Anna','Ben','Clara','David','Eva','Felix','Greta','Hugo','Ida','Jonas','Lena','Max','Mia','Noah','Paul',
              'Sophie','Tim','Laura','Lukas','Marie','Jan','Sarah','Tom','Julia','Leon','Emma','Finn','Hannah','Elias','Lea'])[1 + (g * 7) % 30],
       (array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann','Schäfer',
              'Koch','Bauer','Richter','Klein','Wolf','Schröder','Neumann','Schwarz','Zimmermann','Braun','Krüger',
              'Hofmann','Hartmann','Lange','Schmitt','Werner','Schmitz','Krause','Meier','Lehmann','Schmid','Schulze',
              'Maier','Köhler','Herrmann','König','Walter','Mayer','Huber','Kaiser','Fuchs','Peters','Lang','Scholz',
              'Möller','Weiß','Jung','Hahn','Schubert','Vogel','Friedrich','Keller','Günther','Frank','Berger',
              'Winkler','Roth','Beck','Lorenz','Baumann','Franke','Albrecht','Schuster','Simon','Ludwig','Böhm',
              'Winter','Kraus','Martin','Schumacher','Krämer','Vogt','Stein','Jäger','Otto','Sommer','Groß',
              'Seidel','Heinrich','Brandt','Haas','Schreiber','Graf','Schulte','Dietrich','Ziegler','Kuhn','Kühn',
              'Pohl','Engel','Horn','Busch','Bergmann','Thomas','Voigt','Sauer','Arnold','Wolff','Pfeiffer'])
         [1 + floor(100 * power(((g * 2654435761::bigint) % 1000003) / 1000003.0, 1.6))::int],
       'person' || g || '@company' || (g % :accounts) || '.example', '+49 30 ' || (1000000 + g),
       (array['LEAD','CUSTOMER','OPPORTUNITY','SUBSCRIBER'])[1 + g % 4],
       case when g % 50 = 0 then (select min(id) from users) + g % 50 end, now() - make_interval(secs => g)
from generate_series(1, :contacts) g;
-- Tickets: a quarter open, spread over two years, on contacts and their accounts.
insert into tickets (number, subject, type, priority, status, channel, contact_id, account_id, opened_at, resolved_at,
                     closed_at, queue_sort_at)
select 'B-' || g, 'Bench ticket ' || g, (array['INCIDENT','COMPLAINT','SERVICE_REQUEST'])[1 + g % 3], 'NORMAL',
       (array['OPEN','RESOLVED','CLOSED','NEW','PENDING_CUSTOMER','ON_HOLD'])[1 + g % 6], 'PHONE', c.id, c.account_id,
       now() - make_interval(hours => g % 17000),
       case when g % 6 in (1, 2) then now() - make_interval(hours => g % 17000) + make_interval(hours => 1 + g % 200) end,
       case when g % 6 = 2 then now() - make_interval(hours => g % 17000) + make_interval(hours => 2 + g % 200) end,
       now() + make_interval(hours => g % 500)
from generate_series(1, :tickets) g join contacts c on c.id = (select min(id) from contacts) + (g * 9) % :contacts;
vacuum analyze;
SQL
fi
"${PSQL[@]}" -d "$DB" -Atc "select format('%s contacts, %s accounts, %s tickets', (select count(*) from contacts), (select count(*) from accounts), (select count(*) from tickets))"
