-- One data set for every module at once (issue 14), generated inside PostgreSQL from a seed.
-- Run by bench/dataset/generate.sh on a database the application has migrated (and filled with its demo
-- company) once; psql variables: seed, accounts, contacts, leads, deals, tickets, messages, entries,
-- campaigns, sends, tasks.
--
-- Every pseudo-random choice is bench.u(seed, row, salt): a hash of the row number, so one table can
-- recompute what another chose (a contact's account, a ticket's contact and opening time) without a
-- join, and the same seed gives the same data. setseed() fixes random() for the few places using it.
-- Skew: contacts, deals and tickets fall on accounts by u^3, so account 1 ("the largest account") holds
-- about 2 % of everything and the ten largest about 5 %; a typical account has a handful of contacts.
-- Names: real first and last names of eight languages, each picked by u^1.6 (common names common).
\set ON_ERROR_STOP 1
select setseed(:seed / 1000.0) \g /dev/null
set session_replication_role = replica; -- no FK triggers while loading (the rows are consistent by construction)
set maintenance_work_mem = '512MB';
set synchronous_commit = off;

drop schema if exists bench cascade;
create schema bench;

create function bench.u(s int, g bigint, salt int) returns float8 immutable parallel safe language sql as
  'select ((hashint8extended(g, s::bigint * 1000 + salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0';

-- Names per language: de, en, fr, es, it, pl, tr, nl (weights 35/20/10/10/8/7/5/5 %).
create table bench.lang (l int primary key, country text, cities text[], first_names text[], last_names text[], phone text,
  free_mail text, legal text[]);
insert into bench.lang values
 (0, 'Germany', '{Berlin,Hamburg,München,Köln,Frankfurt am Main,Stuttgart,Düsseldorf,Leipzig,Dortmund,Bremen,Dresden,Hannover,Nürnberg}',
  '{Maximilian,Sophie,Alexander,Marie,Paul,Anna,Lukas,Emma,Leon,Hannah,Felix,Mia,Jonas,Lena,Elias,Laura,Noah,Julia,Tim,Katharina,Jürgen,Ursula,Wolfgang,Sabine,Klaus,Petra,Stefan,Monika,Thomas,Birgit,Günter,Jörg}',
  '{Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann,Schäfer,Koch,Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Braun,Krüger,Hofmann,Hartmann,Lange,Schmitt,Werner,Schmitz,Krause,Meier,Lehmann,Schmid,Schulze,Maier,Köhler,Herrmann,König,Walter,Mayer,Huber,Kaiser,Fuchs,Peters,Lang,Scholz,Möller,Weiß,Jung,Hahn,Schubert,Vogel,Friedrich,Keller,Günther,Frank,Berger,Winkler,Roth,Beck,Lorenz,Baumann,Franke,Albrecht,Schuster,Simon,Ludwig,Böhm,Winter,Kraus,Martin,Schumacher,Krämer,Vogt,Stein,Jäger,Otto,Sommer,Groß,Seidel,Heinrich,Brandt,Haas,Schreiber,Graf,Dietrich,Ziegler,Kuhn,Kühn,Pohl,Engel,Horn,Busch,Bergmann,Thomas,Voigt,Sauer,Arnold,Wolff,Pfeiffer}',
  '+49', 'web.de', '{GmbH,AG,GmbH & Co. KG,KG,e.K.}'),
 (1, 'United Kingdom', '{London,Manchester,Birmingham,Leeds,Glasgow,Liverpool,Bristol,Edinburgh,Sheffield,Cardiff}',
  '{Oliver,Olivia,George,Amelia,Harry,Isla,Jack,Ava,Jacob,Emily,Charlie,Sophia,Thomas,Grace,James,Poppy,William,Jessica,Daniel,Sarah,David,Elizabeth,Michael,Margaret}',
  '{Smith,Jones,Williams,Taylor,Brown,Davies,Evans,Wilson,Thomas,Johnson,Roberts,Robinson,Thompson,Wright,Walker,White,Edwards,Hughes,Green,Hall,Lewis,Harris,Clarke,Patel,Jackson,Wood,Turner,Martin,Cooper,Hill,Ward,Morris,Moore,Clark,Lee,King,Baker,Harrison,Morgan,Allen,O''Brien,McDonald,Murphy}',
  '+44', 'gmail.com', '{Ltd,PLC,LLP,Group Ltd}'),
 (2, 'France', '{Paris,Marseille,Lyon,Toulouse,Nice,Nantes,Strasbourg,Montpellier,Bordeaux,Lille}',
  '{Gabriel,Louise,Léo,Jade,Raphaël,Ambre,Arthur,Alice,Louis,Chloé,Jules,Léa,Hugo,Manon,Adam,Inès,François,Hélène,Stéphane,Céline,Jérôme,Émilie}',
  '{Martin,Bernard,Thomas,Petit,Robert,Richard,Durand,Dubois,Moreau,Laurent,Simon,Michel,Lefèvre,Leroy,Roux,David,Bertrand,Morel,Fournier,Girard,Bonnet,Dupont,Lambert,Fontaine,Rousseau,Vincent,Müller,Lefebvre,Faure,André,Mercier,Blanc,Guérin,Boyer,Garnier,Chevalier,François,Legrand,Gauthier,Garcia,Perrin}',
  '+33', 'orange.fr', '{SARL,SA,SAS}'),
 (3, 'Spain', '{Madrid,Barcelona,Valencia,Sevilla,Zaragoza,Málaga,Murcia,Palma,Bilbao,Alicante}',
  '{Hugo,Lucía,Martín,Sofía,Pablo,María,Alejandro,Martina,Lucas,Paula,Daniel,Julia,Álvaro,Carmen,José,Isabel,Javier,Nuria,Sergio,Cristina}',
  '{García,González,Rodríguez,Fernández,López,Martínez,Sánchez,Pérez,Gómez,Martín,Jiménez,Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Romero,Alonso,Gutiérrez,Navarro,Torres,Domínguez,Vázquez,Ramos,Gil,Ramírez,Serrano,Blanco,Molina,Morales,Suárez,Ortega,Delgado,Castro,Ortiz,Rubio,Marín,Sanz,Núñez}',
  '+34', 'telefonica.es', '{S.L.,S.A.}'),
 (4, 'Italy', '{Roma,Milano,Napoli,Torino,Palermo,Genova,Bologna,Firenze,Bari,Verona}',
  '{Leonardo,Sofia,Francesco,Aurora,Alessandro,Giulia,Lorenzo,Ginevra,Mattia,Beatrice,Andrea,Alice,Giuseppe,Chiara,Marco,Francesca,Luca,Elena,Giovanni,Valentina}',
  '{Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,Mancini,Costa,Giordano,Rizzo,Lombardi,Moretti,Barbieri,Fontana,Santoro,Mariani,Rinaldi,Caruso,Ferrara,Galli,Martini,Leone,Longo,Gentile,Martinelli,Vitale,Lombardo,Serra,Coppola,De Santis,D''Angelo}',
  '+39', 'libero.it', '{S.r.l.,S.p.A.}'),
 (5, 'Poland', '{Warszawa,Kraków,Łódź,Wrocław,Poznań,Gdańsk,Szczecin,Bydgoszcz,Lublin,Katowice}',
  '{Antoni,Zuzanna,Jan,Julia,Aleksander,Maja,Franciszek,Zofia,Jakub,Hanna,Piotr,Anna,Krzysztof,Katarzyna,Andrzej,Małgorzata,Tomasz,Agnieszka,Paweł,Magdalena,Łukasz,Joanna}',
  '{Nowak,Kowalski,Wiśniewski,Wójcik,Kowalczyk,Kamiński,Lewandowski,Zieliński,Szymański,Woźniak,Dąbrowski,Kozłowski,Jankowski,Mazur,Kwiatkowski,Wojciechowski,Krawczyk,Kaczmarek,Piotrowski,Grabowski,Zając,Pawłowski,Michalski,Król,Wieczorek,Jabłoński,Wróbel,Nowakowski,Majewski,Olszewski}',
  '+48', 'wp.pl', '{Sp. z o.o.,S.A.}'),
 (6, 'Turkey', '{İstanbul,Ankara,İzmir,Bursa,Antalya,Konya,Adana,Gaziantep}',
  '{Yusuf,Zeynep,Eymen,Elif,Ömer,Defne,Mustafa,Azra,Mehmet,Ayşe,Ahmet,Fatma,Ali,Emine,Hüseyin,Hatice,Murat,Özlem,Emre,Büşra}',
  '{Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,Kılıç,Aslan,Çetin,Kara,Koç,Kurt,Özkan,Şimşek,Polat,Korkmaz,Erdoğan,Güneş}',
  '+90', 'hotmail.com', '{A.Ş.,Ltd. Şti.}'),
 (7, 'Netherlands', '{Amsterdam,Rotterdam,Den Haag,Utrecht,Eindhoven,Groningen,Tilburg,Almere,Breda,Nijmegen}',
  '{Noah,Emma,Daan,Julia,Lucas,Mila,Sem,Tess,Finn,Sophie,Levi,Zoë,Bram,Anouk,Jan,Sanne,Pieter,Femke,Joost,Marieke}',
  '{de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,de Wit,Dijkstra,Smits,de Graaf,van der Meer,van der Linden,Kok,Jacobs,de Haan,Vermeulen}',
  '+31', 'ziggo.nl', '{B.V.,N.V.}');

-- The language of row g (weights above) and a skewed index into a list of n names.
create function bench.lang_of(s int, g bigint, salt int) returns int immutable language sql as
  'select width_bucket(bench.u(s, g, salt), array[0.35, 0.55, 0.65, 0.75, 0.83, 0.90, 0.95]::float8[])';
create function bench.pick(arr text[], x float8) returns text immutable language sql as
  'select arr[1 + floor(cardinality(arr) * power(x, 1.6))::int]';
create function bench.ascii_of(t text) returns text immutable language sql as $$
  select regexp_replace(translate(lower(t), 'äöüßéèêëáàâãíìîóòôõúùûñçłśżźćńąęğışøåœ', 'aouseeeeaaaaiiioooouuunclszzcnaegisoao'),
                        '[^a-z0-9]', '', 'g') $$;

-- Company names: a stem, a trade and the language's legal form ("Hansa Logistik GmbH", "Rossi Costruzioni S.r.l.").
create function bench.company(s int, k bigint) returns text immutable language sql as $$
  select case when bench.u(s, k, 5) < 0.5 then bench.pick(l.last_names, bench.u(s, k, 6))
              else (array['Nord','Hansa','Alpen','Atlas','Orion','Rhein','Baltic','Delta','Nova','Vertex','Pioneer',
                          'Summit','Aurora','Horizon','Meridian','Zenith','Phoenix','Cobalt','Granite','Silver'])[1 + (k % 20)::int] end
         || ' ' || (array['Logistik','Systems','Foods','Energy','Health','Bau','Werke','Data','Consulting','Retail',
                          'Pharma','Textil','Solutions','Automotive','Media','Finance','Chemie','Software','Trading','Engineering'])
                    [1 + floor(20 * bench.u(s, k, 7))::int]
         || ' ' || l.legal[1 + (k % cardinality(l.legal))::int]
  from bench.lang l where l.l = bench.lang_of(s, k, 4) $$;

-- Row g's pieces that other tables recompute: a contact's account index (null for 2 %), a ticket's
-- contact and opening time, an account's owner.
create function bench.contact_account(s int, g bigint, n bigint) returns bigint immutable language sql as
  'select case when bench.u(s, g, 2) < 0.02 then null else least(n, 1 + floor(n * power(bench.u(s, g, 1), 3))::bigint) end';
create function bench.ticket_contact(s int, t bigint, n bigint) returns bigint immutable language sql as
  'select 1 + floor(n * bench.u(s, t, 20))::bigint';
create function bench.ticket_opened(s int, t bigint) returns timestamptz immutable language sql as
  $$select timestamptz '2026-12-07 00:00+00' - make_interval(secs => 730 * 86400 * power(bench.u(s, t, 21), 1.3))$$;

-- Users: 40 more reps (10 in the demo Sales team of "manager", 30 in three teams with a manager each),
-- 18 more agents, 3 more marketers; password "demo" (the demo users' hash).
select password_hash as hash from users where username = 'rep' \gset
insert into teams (name) select 'Sales ' || t from unnest(array['North','South','West']) t;
insert into users (username, full_name, email, password_hash, role, team_id)
select 'brep' || lpad(i::text, 2, '0'), bench.pick(l.first_names, bench.u(:seed, i, 60)) || ' ' || bench.pick(l.last_names, bench.u(:seed, i, 61)),
       'brep' || i || '@bench.example', :'hash', 'SALES_REP',
       case when i <= 10 then (select id from teams where name = 'Sales')
            else (select id from teams where name = 'Sales ' || (array['North','South','West'])[1 + (i - 11) / 10]) end
from generate_series(1, 40) i join bench.lang l on l.l = bench.lang_of(:seed, i, 62);
insert into users (username, full_name, email, password_hash, role, team_id)
select 'bmanager' || t.id, 'Manager ' || t.name, 'bmanager' || t.id || '@bench.example', :'hash', 'MANAGER', t.id
from teams t where t.name like 'Sales %';
insert into users (username, full_name, email, password_hash, role, team_id)
select 'bagent' || lpad(i::text, 2, '0'), bench.pick(l.first_names, bench.u(:seed, i, 63)) || ' ' || bench.pick(l.last_names, bench.u(:seed, i, 64)),
       'bagent' || i || '@bench.example', :'hash', 'SUPPORT_AGENT', (select id from teams where name = 'Support')
from generate_series(1, 18) i join bench.lang l on l.l = bench.lang_of(:seed, i, 65);
insert into users (username, full_name, email, password_hash, role, team_id)
select 'bmarketer' || i, 'Marketer ' || i, 'bmarketer' || i || '@bench.example', :'hash', 'MARKETER',
       (select id from teams where name = 'Marketing')
from generate_series(1, 3) i;
select array_agg(id order by id) as reps from users where role = 'SALES_REP' \gset
select array_agg(id order by id) as agents from users where role = 'SUPPORT_AGENT' \gset
select id as rep from users where username = 'rep' \gset
select id as marketer from users where username = 'marketer' \gset
select coalesce(array_agg(id order by id), '{}') as queues from service_queues \gset
insert into service_queue_members (queue_id, user_id)
select q, u from unnest(:'queues'::bigint[]) q cross join unnest(:'agents'::bigint[]) u
on conflict do nothing;

-- The bulk tables lose their secondary indexes while loading and get them back at the end (one sort
-- each instead of a million inserts into a GIN index).
create table bench.indexes as
select i.schemaname, i.tablename, i.indexname, i.indexdef from pg_indexes i
where i.schemaname = 'public'
  and i.tablename in ('accounts','contacts','leads','opportunities','opportunity_stage_history','opportunity_line_items',
                      'tickets','ticket_messages','interactions','email_sends','tasks')
  and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
do $$ declare r record; begin
  for r in select indexname from bench.indexes loop execute format('drop index public.%I', r.indexname); end loop;
end $$;

select coalesce(max(id), 0) as abase from accounts \gset
select coalesce(max(id), 0) as cbase from contacts \gset
select coalesce(max(id), 0) as lbase from leads \gset
select coalesce(max(id), 0) as dbase from opportunities \gset
select coalesce(max(id), 0) as tbase from tickets \gset
\echo [generate] accounts
-- Accounts: account 1 (the largest) is rep's; every tenth has no owner; the rest go round the reps.
insert into accounts (id, name, domain, industry, phone, email, website, street, city, postal_code, country, lifecycle_stage,
                      owner_id, created_at, updated_at)
select :abase + k, bench.company(:seed, k), d.domain,
       (array['Manufacturing','Retail','Software','Healthcare','Logistics','Energy','Finance','Construction','Media',
              'Automotive','Chemicals','Food','Telecommunications','Education','Hospitality'])[1 + floor(15 * bench.u(:seed, k, 8))::int],
       l.phone || ' ' || (10 + k % 90) || ' ' || (1000000 + k), 'info@' || d.domain, 'https://www.' || d.domain,
       'Street ' || (1 + k % 200), l.cities[1 + (k % cardinality(l.cities))::int], lpad(((k * 37) % 99999)::text, 5, '0'), l.country,
       (array['CUSTOMER','CUSTOMER','CUSTOMER','OPPORTUNITY','LEAD','CHURNED'])[1 + floor(6 * bench.u(:seed, k, 9))::int],
       case when k = 1 then :rep when k % 10 = 0 then null
            else (:'reps'::bigint[])[1 + (k % cardinality(:'reps'::bigint[]))::int] end,
       now() - make_interval(days => floor(2000 * bench.u(:seed, k, 10))::int), now()
from generate_series(1, :accounts) k
join bench.lang l on l.l = bench.lang_of(:seed, k, 4)
cross join lateral (select bench.ascii_of(split_part(bench.company(:seed, k), ' ', 1) || split_part(bench.company(:seed, k), ' ', 2))
                           || k || (array['.de','.com','.fr','.es','.it','.pl','.com.tr','.nl'])[1 + l.l] as domain) d;

\echo [generate] contacts
-- access_owner_id: what the contacts_access_owner trigger (off while loading) would write: the account's owner, else
-- the contact's own owner. Left null, every contact would be everyone's and the lists would be measured too kindly.
insert into contacts (id, account_id, first_name, last_name, title, email, phone, mobile, city, country, lifecycle_stage,
                      owner_id, access_owner_id, tags, consent_email, last_activity_at, created_at, updated_at)
select :cbase + g, :abase + a.k, n.first_name, n.last_name,
       (array['CEO','CFO','Head of Purchasing','Sales Manager','IT Manager','Office Manager','Buyer','Engineer',
              'Marketing Lead','Operations Manager',null,null])[1 + floor(12 * bench.u(:seed, g, 11))::int],
       bench.ascii_of(n.first_name) || '.' || bench.ascii_of(n.last_name) || g || '@' || coalesce(acc.domain, l.free_mail),
       l.phone || ' ' || (20 + g % 80) || ' ' || (2000000 + g), case when g % 3 = 0 then l.phone || ' 15' || (10000000 + g) end,
       l.cities[1 + (g % cardinality(l.cities))::int], l.country,
       (array['CUSTOMER','CUSTOMER','OPPORTUNITY','LEAD','SUBSCRIBER'])[1 + floor(5 * bench.u(:seed, g, 12))::int],
       case when a.k is null then (:'reps'::bigint[])[1 + (g % cardinality(:'reps'::bigint[]))::int] end,
       case when a.k is null then (:'reps'::bigint[])[1 + (g % cardinality(:'reps'::bigint[]))::int] else acc.owner_id end,
       case when bench.u(:seed, g, 13) < 0.1 then array['vip'] when bench.u(:seed, g, 13) < 0.25 then array['newsletter'] else '{}' end,
       bench.u(:seed, g, 14) < 0.4,
       now() - make_interval(days => floor(400 * bench.u(:seed, g, 15))::int),
       now() - make_interval(days => floor(2000 * bench.u(:seed, g, 16))::int), now()
from generate_series(1, :contacts) g
cross join lateral (select bench.contact_account(:seed, g, :accounts) as k) a
left join accounts acc on acc.id = :abase + a.k
join bench.lang l on l.l = bench.lang_of(:seed, g, 3)
cross join lateral (select bench.pick(l.first_names, bench.u(:seed, g, 17)) as first_name,
                           bench.pick(l.last_names, bench.u(:seed, g, 18)) as last_name) n;

\echo [generate] leads
insert into leads (id, first_name, last_name, email, phone, company, title, industry, country, company_size, source, status,
                   score, mql, owner_id, converted_at, last_activity_at, created_at, updated_at)
select :lbase + g, n.first_name, n.last_name,
       bench.ascii_of(n.first_name) || '.' || bench.ascii_of(n.last_name) || g || '@' || l.free_mail,
       l.phone || ' ' || (30 + g % 70) || ' ' || (3000000 + g), bench.company(:seed, 1000000 + g),
       (array['CEO','Head of Purchasing','IT Manager','Buyer',null])[1 + floor(5 * bench.u(:seed, g, 70))::int],
       (array['Manufacturing','Retail','Software','Healthcare','Logistics'])[1 + floor(5 * bench.u(:seed, g, 71))::int],
       l.country, floor(5000 * power(bench.u(:seed, g, 72), 3))::int,
       (array['WEB','WEB','EVENT','REFERRAL','IMPORT','CAMPAIGN','PARTNER'])[1 + floor(7 * bench.u(:seed, g, 73))::int],
       n.status, floor(100 * bench.u(:seed, g, 74))::int, bench.u(:seed, g, 74) > 0.8,
       case when bench.u(:seed, g, 75) < 0.1 then null else (:'reps'::bigint[])[1 + (g % cardinality(:'reps'::bigint[]))::int] end,
       case when n.status = 'CONVERTED' then now() - make_interval(days => floor(300 * bench.u(:seed, g, 76))::int) end,
       now() - make_interval(days => floor(120 * bench.u(:seed, g, 77))::int),
       now() - make_interval(days => floor(730 * bench.u(:seed, g, 78))::int), now()
from generate_series(1, :leads) g
join bench.lang l on l.l = bench.lang_of(:seed, g, 79)
cross join lateral (select bench.pick(l.first_names, bench.u(:seed, g, 80)) as first_name,
                           bench.pick(l.last_names, bench.u(:seed, g, 81)) as last_name,
                           (array['NEW','NEW','NEW','WORKING','WORKING','QUALIFIED','DISQUALIFIED','DISQUALIFIED','CONVERTED','CONVERTED'])
                             [1 + floor(10 * bench.u(:seed, g, 82))::int] as status) n;

\echo [generate] deals and stage history
select id as pipeline from pipelines where is_default \gset
select array_agg(id order by position) as open_stages from pipeline_stages where pipeline_id = :pipeline and kind = 'OPEN' \gset
select min(id) as won_stage from pipeline_stages where pipeline_id = :pipeline and kind = 'WON' \gset
select min(id) as lost_stage from pipeline_stages where pipeline_id = :pipeline and kind = 'LOST' \gset
insert into opportunities (id, name, account_id, pipeline_id, stage_id, status, amount, currency, close_date, owner_id,
                           forecast_category, lost_reason, source, closed_at, stage_changed_at, created_at, updated_at)
select :dbase + d, (array['Renewal','Upgrade','New licences','Rollout','Service contract','Hardware','Consulting','Expansion',
                          'Pilot','Framework agreement'])[1 + floor(10 * bench.u(:seed, d, 51))::int] || ' ' || (2024 + d % 3) || '-' || d,
       :abase + x.k, :pipeline,
       case x.status when 'WON' then :won_stage when 'LOST' then :lost_stage
            else (:'open_stages'::bigint[])[1 + floor(cardinality(:'open_stages'::bigint[]) * bench.u(:seed, d, 52))::int] end,
       x.status, round((500 + 150000 * power(bench.u(:seed, d, 53), 4))::numeric, 2),
       case when bench.u(:seed, d, 54) < 0.8 then 'EUR' else 'USD' end, x.close_date,
       coalesce(case when x.k = 1 then :rep when x.k % 10 = 0 then null
                     else (:'reps'::bigint[])[1 + (x.k % cardinality(:'reps'::bigint[]))::int] end,
                (:'reps'::bigint[])[1 + (d % cardinality(:'reps'::bigint[]))::int]),
       case when x.status = 'OPEN' then (array['PIPELINE','PIPELINE','BEST_CASE','COMMIT'])[1 + floor(4 * bench.u(:seed, d, 55))::int]
            else 'CLOSED' end,
       case when x.status = 'LOST' then (array['Price','Competitor','No budget','Timing'])[1 + (d % 4)::int] end,
       (array['WEB','REFERRAL','EVENT','CAMPAIGN',null])[1 + (d % 5)::int],
       case when x.status <> 'OPEN' then x.close_date::timestamptz + interval '15 hours' end,
       now() - make_interval(days => floor(90 * bench.u(:seed, d, 56))::int),
       x.close_date - floor(30 + 150 * bench.u(:seed, d, 57))::int, now()
from generate_series(1, :deals) d
cross join lateral (
  select least(:accounts, 1 + floor(:accounts * power(bench.u(:seed, d, 50), 3))::bigint) as k,
         case when bench.u(:seed, d, 58) < 0.35 then 'OPEN' when bench.u(:seed, d, 58) < 0.75 then 'WON' else 'LOST' end as status) s
cross join lateral (
  select s.k, s.status,
         case when s.status = 'OPEN' then current_date + floor(210 * bench.u(:seed, d, 59))::int - 30
              else current_date - floor(730 * power(bench.u(:seed, d, 59), 1.2))::int end as close_date) x;
-- One row per stage passed: the open stages up to a random depth, then the deal's stage.
insert into opportunity_stage_history (opportunity_id, from_stage_id, to_stage_id, amount, probability, changed_by, changed_at)
select o.id, case when h > 1 then (:'open_stages'::bigint[])[h - 1] end,
       case when h = depth then o.stage_id else (:'open_stages'::bigint[])[h] end,
       o.amount, least(100, 10 * h), o.owner_id, o.created_at + make_interval(days => 7 * (h - 1))
from opportunities o
cross join lateral (select 1 + (o.id % least(4, cardinality(:'open_stages'::bigint[])))::int as depth) x
cross join lateral generate_series(1, x.depth) h
where o.id > :dbase;
-- Line items: four deals in five name one to three products of the catalog (the demo company's active products,
-- popular ones more often, never one product twice in a deal), 1-20 of each at list price, a tenth off on one line
-- in four; the rest (services sold by the hour, renewals at a flat fee) have none. Until stop 28 generated deals had
-- no line items at all, so a customer's purchases and cross-sell looked cheap for the wrong reason: the planner
-- started from the few demo line items, which real data would not allow. The deals' amounts are left as drawn
-- above (other figures of earlier runs depend on them), so they do not add up to their line items.
select array_agg(id order by id) as products from products where active \gset
insert into opportunity_line_items (opportunity_id, product_id, position, quantity, unit_price, discount_percent)
select o.id, p.id, n, 1 + floor(20 * bench.u(:seed, o.id * 4 + n, 91))::int, p.unit_price,
       case when bench.u(:seed, o.id * 4 + n, 92) < 0.25 then 10 else 0 end
from opportunities o
cross join lateral generate_series(1, 1 + floor(3 * bench.u(:seed, o.id, 90))::int) n
join products p on p.id = (:'products'::bigint[])
  [1 + ((floor(cardinality(:'products'::bigint[]) * power(bench.u(:seed, o.id, 93), 1.5))::int + 4 * (n - 1))
        % cardinality(:'products'::bigint[]))]
where o.id > :dbase and bench.u(:seed, o.id, 94) < 0.8;

\echo [generate] tickets
insert into tickets (id, number, subject, description, type, priority, status, channel, contact_id, account_id, assignee_id,
                     queue_id, opened_at, first_response_due_at, first_responded_at, resolution_due_at, resolved_at, closed_at,
                     queue_sort_at, created_at, updated_at)
select :tbase + t, 'BT-' || t, x.subject, 'Customer wrote: ' || x.subject || '. Please advise.', x.type, x.priority, x.status,
       (array['EMAIL','EMAIL','PORTAL','PHONE','WEB_FORM'])[1 + floor(5 * bench.u(:seed, t, 22))::int],
       :cbase + x.g, :abase + bench.contact_account(:seed, x.g, :accounts),
       case when x.status in ('NEW','OPEN') and bench.u(:seed, t, 23) < 0.4 then null
            else (:'agents'::bigint[])[1 + floor(cardinality(:'agents'::bigint[]) * bench.u(:seed, t, 24))::int] end,
       (:'queues'::bigint[])[1 + floor(cardinality(:'queues'::bigint[]) * bench.u(:seed, t, 25))::int],
       x.opened, x.opened + interval '4 hours',
       case when x.status <> 'NEW' then x.opened + make_interval(mins => floor(600 * bench.u(:seed, t, 26))::int) end,
       x.opened + interval '2 days',
       case when x.status in ('RESOLVED','CLOSED') then x.opened + make_interval(hours => 1 + floor(120 * bench.u(:seed, t, 27))::int) end,
       case when x.status = 'CLOSED' then x.opened + make_interval(hours => 49 + floor(120 * bench.u(:seed, t, 27))::int) end,
       x.opened + make_interval(hours => case x.priority when 'URGENT' then 1 when 'HIGH' then 4 when 'NORMAL' then 24 else 72 end),
       x.opened, now()
from generate_series(1, :tickets) t
cross join lateral (
  select bench.ticket_contact(:seed, t, :contacts) as g, bench.ticket_opened(:seed, t) as opened,
         (array['INCIDENT','INCIDENT','SERVICE_REQUEST','INFORMATION_REQUEST','COMPLAINT','PRODUCT_RETURN'])[1 + floor(6 * bench.u(:seed, t, 28))::int] as type,
         (array['LOW','NORMAL','NORMAL','NORMAL','HIGH','URGENT'])[1 + floor(6 * bench.u(:seed, t, 29))::int] as priority,
         (array['Login fails','Invoice is wrong','Delivery late','Device does not start','Password reset','Cannot export report',
                'Order missing items','Refund request','Question about contract','Sync error','Slow dashboard','Address change',
                'Damaged on arrival','Licence key invalid','Duplicate charge'])[1 + floor(15 * bench.u(:seed, t, 35))::int] as subject) y
cross join lateral (
  select y.*, case when y.opened > now() - interval '3 days' and bench.u(:seed, t, 36) < 0.7
                     or y.opened > now() - interval '30 days' and bench.u(:seed, t, 36) < 0.2
                     or bench.u(:seed, t, 36) < 0.01
                   then (array['NEW','OPEN','OPEN','PENDING_CUSTOMER','ON_HOLD'])[1 + floor(5 * bench.u(:seed, t, 37))::int]
                   when bench.u(:seed, t, 38) < 0.5 then 'RESOLVED' else 'CLOSED' end as status) x;

\echo [generate] ticket messages
insert into ticket_messages (ticket_id, author_kind, author_id, author_contact_id, body, internal, created_at)
select :tbase + t, case when m % 2 = 1 then 'CUSTOMER' else 'AGENT' end,
       case when m % 2 = 0 then (:'agents'::bigint[])[1 + floor(cardinality(:'agents'::bigint[]) * bench.u(:seed, t, 24))::int] end,
       case when m % 2 = 1 then :cbase + bench.ticket_contact(:seed, t, :contacts) end,
       (array['Hello, we still see the problem after the update. Could you have another look?',
              'Thank you for your message. We are looking into it and will get back to you today.',
              'Attached is the screenshot you asked for.',
              'The issue is fixed on our side, please check again.',
              'Can you tell us the order number and the date of delivery?',
              'Danke, das hat funktioniert.', 'Merci pour votre réponse rapide.', 'Gracias, ya funciona.'])
         [1 + floor(8 * bench.u(:seed, m, 31))::int],
       bench.u(:seed, m, 32) < 0.1, bench.ticket_opened(:seed, t) + make_interval(mins => floor(2880 * bench.u(:seed, m, 33))::int)
from generate_series(1, :messages) m
cross join lateral (select 1 + floor(:tickets * bench.u(:seed, m, 30))::bigint as t) x;

\echo [generate] timeline entries
insert into interactions (kind, occurred_at, account_id, contact_id, subject, body, source_module, author_id, created_at, updated_at)
select x.kind, x.at, :abase + bench.contact_account(:seed, x.g, :accounts), :cbase + x.g,
       case x.kind when 'CALL' then 'Call: ' when 'EMAIL' then 'E-mail: ' when 'MEETING' then 'Meeting: ' else 'Note: ' end
         || (array['quarterly review','pricing question','renewal','onboarding','support follow-up','new requirements',
                   'contract terms','product demo','complaint','referral'])[1 + floor(10 * bench.u(:seed, e, 42))::int],
       case when bench.u(:seed, e, 43) < 0.3 then 'Discussed next steps and agreed on a follow-up.' end,
       'core', (:'reps'::bigint[])[1 + floor(cardinality(:'reps'::bigint[]) * bench.u(:seed, e, 44))::int], x.at, x.at
from generate_series(1, :entries) e
cross join lateral (
  select 1 + floor(:contacts * bench.u(:seed, e, 40))::bigint as g,
         (array['CALL','EMAIL','EMAIL','MEETING','NOTE'])[1 + floor(5 * bench.u(:seed, e, 41))::int] as kind,
         timestamptz '2026-12-07 00:00+00' - make_interval(secs => 1095 * 86400 * power(bench.u(:seed, e, 45), 1.5)) as at) x;

\echo [generate] tasks
insert into tasks (title, due_at, assignee_id, account_id, contact_id, status, completed_at, created_by, created_at, updated_at)
select (array['Call back','Send offer','Prepare meeting','Follow up on invoice','Check renewal','Send contract'])[1 + (k % 6)::int]
         || ' ' || bench.company(:seed, coalesce(x.a, 1)),
       x.due, (:'reps'::bigint[])[1 + (k % cardinality(:'reps'::bigint[]))::int],
       :abase + x.a, :cbase + x.g,
       case when x.due < now() and bench.u(:seed, k, 91) < 0.9 then 'DONE' else 'OPEN' end,
       case when x.due < now() and bench.u(:seed, k, 91) < 0.9 then x.due end,
       (:'reps'::bigint[])[1 + (k % cardinality(:'reps'::bigint[]))::int], x.due - interval '7 days', now()
from generate_series(1, :tasks) k
cross join lateral (select 1 + floor(:contacts * bench.u(:seed, k, 90))::bigint as g) c
cross join lateral (select c.g, bench.contact_account(:seed, c.g, :accounts) as a,
                           now() + make_interval(hours => floor(24 * (60 * bench.u(:seed, k, 92) - 50))::int) as due) x;

\echo [generate] campaigns and sends
insert into email_templates (name, subject, html_body, text_body)
values ('Bench newsletter', 'News from us', '<p>Hello, here is our news.</p>', 'Hello, here is our news.');
select max(id) as template from email_templates \gset
select coalesce(max(id), 0) as cpbase from campaigns \gset
insert into campaigns (id, name, type, status, budget, currency, starts_on, ends_on, template_id, sending_started_at, sent_at,
                       owner_id, created_at, updated_at)
select :cpbase + c, (array['Spring newsletter','Product launch','Webinar invitation','Customer survey','Year-end offer'])[1 + (c % 5)::int]
         || ' ' || (2025 + c / 25) || '/' || c, 'EMAIL', 'SENT', 5000, 'EUR',
       current_date - 700 + c * 14, current_date - 700 + c * 14 + 30, :template,
       (current_date - 700 + c * 14)::timestamptz, (current_date - 700 + c * 14)::timestamptz + interval '2 hours',
       :marketer, (current_date - 710 + c * 14)::timestamptz, now()
from generate_series(1, :campaigns) c;
-- Each campaign reaches sends/campaigns distinct contacts (i * 7919 runs through every contact once).
insert into email_sends (campaign_id, template_id, contact_id, account_id, email, message_id, status, sent_at, opened_at,
                         clicked_at, touch_recorded, created_at, updated_at)
select :cpbase + x.c, :template, :cbase + x.g, ct.account_id, ct.email, 'bench-' || s || '@crm.bench', 'SENT', x.sent,
       case when bench.u(:seed, s, 95) < 0.25 then x.sent + interval '3 hours' end,
       case when bench.u(:seed, s, 95) < 0.05 then x.sent + interval '4 hours' end, true, x.sent, x.sent
from generate_series(1, :sends) s
cross join lateral (
  select 1 + (s - 1) / greatest(1, :sends / :campaigns) as c,
         1 + (((s - 1) % greatest(1, :sends / :campaigns)) * 7919 + (1 + (s - 1) / greatest(1, :sends / :campaigns)) * 104729) % :contacts as g,
         (current_date - 700 + (1 + (s - 1) / greatest(1, :sends / :campaigns)) * 14)::timestamptz + interval '1 hour' as sent) x
join contacts ct on ct.id = :cbase + x.g
where x.c <= :campaigns;

\echo [generate] sequences and indexes
select setval(pg_get_serial_sequence('accounts', 'id'), (select max(id) from accounts)),
       setval(pg_get_serial_sequence('contacts', 'id'), (select max(id) from contacts)),
       setval(pg_get_serial_sequence('leads', 'id'), (select max(id) from leads)),
       setval(pg_get_serial_sequence('opportunities', 'id'), (select max(id) from opportunities)),
       setval(pg_get_serial_sequence('tickets', 'id'), (select max(id) from tickets)),
       setval(pg_get_serial_sequence('campaigns', 'id'), (select max(id) from campaigns)) \g /dev/null
do $$ declare r record; begin
  for r in select indexdef, indexname from bench.indexes loop
    raise notice 'index %', r.indexname;
    execute r.indexdef;
  end loop;
end $$;
set session_replication_role = origin;
-- Roll-ups that triggers keep (off while loading, with the FK triggers): built once from the rows loaded.
delete from campaign_send_stats;
insert into campaign_send_stats (campaign_id, bucket, sent, opened, clicked)
select campaign_id, campaign_send_bucket(sent_at), count(*), count(opened_at), count(clicked_at)
from email_sends where status = 'SENT' and campaign_id is not null and sent_at is not null
group by 1, 2;
delete from opportunity_stage_totals;  -- the board's and the dashboard's stage totals
insert into opportunity_stage_totals (stage_id, owner_id, pipeline_id, currency, deals, amount)
select stage_id, owner_id, pipeline_id, currency, count(*), sum(amount) from opportunities group by 1, 2, 3, 4;
select ticket_trend_rebuild();        -- ticket_day_stats, ticket_open_totals, ticket_sla_pending(_minutes) (backlog, SLA)
select csat_trend_rebuild();          -- csat_day_stats (the dashboard's CSAT per month)
select opportunity_closed_rebuild();  -- opportunity_closed_stats (win rate, sales by rep and month)
delete from account_email_stats;
insert into account_email_stats (account_id, received, opened, clicked)
select account_id, count(*) filter (where status = 'SENT'), count(opened_at), count(clicked_at)
from email_sends where account_id is not null
group by account_id
having count(*) filter (where status = 'SENT') > 0 or count(opened_at) > 0 or count(clicked_at) > 0;
select opportunity_open_rebuild();    -- opportunity_open_forecast (the forecast's open deals)
select opportunity_mix_rebuild();     -- opportunity_closed_mix (the forecast's lost reasons and sources)
select contact_search_words_rebuild(); -- search_words, contact_search_words (the search box's contacts)
select account_search_words_rebuild(); -- account_words, account_search_words (the search box's accounts)
select deal_search_words_rebuild();    -- deal_words, deal_search_words (the search box's deals)
select lead_search_words_rebuild();    -- lead_words, lead_search_words (the search box's leads)
select account_ticket_stats_rebuild(); -- account_ticket_stats (an account page's ticket counts)
select account_deal_totals_rebuild();  -- account_deal_totals (an account page's deal totals)
select account_products_rebuild();     -- account_products (an account page's cross-sell: the products it bought)
-- Cross-sell's affinity tables, as ProductAffinity (after each full customer-health pass) builds them.
delete from product_affinity;
delete from product_buyers;
insert into product_buyers (product_id, customers)
select product_id, count(*) from account_products group by product_id;
insert into product_affinity (product_id, other_product_id, customers)
select a.product_id, b.product_id, count(*)
from account_products a join account_products b on b.account_id = a.account_id and b.product_id <> a.product_id
group by a.product_id, b.product_id;
drop schema bench cascade;
vacuum analyze;
