/**
 * The store's schema, as numbered migrations applied in order. A released migration is
 * never edited: change the schema by adding the next one. Each concept owns its migration:
 * 1 core and statistics, 2 fleet, 3 positions, 4 legs and missions.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'core and statistics',
    sql: `
      CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

      CREATE SEQUENCE source_id_seq START 1;
      -- One row per file (or folder, or remote pull) loaded. A row exists only if its load committed.
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        path VARCHAR NOT NULL,          -- as given on the command line, made absolute
        format VARCHAR NOT NULL,        -- the reader's name
        sha256 VARCHAR NOT NULL,        -- of the bytes as stored on disk (folders: of the sorted list of member hashes)
        bytes BIGINT NOT NULL,
        rows_read BIGINT NOT NULL,
        rows_kept BIGINT NOT NULL,
        rows_rejected BIGINT NOT NULL,
        release_through VARCHAR,        -- last month (YYYY-MM) the source covers, for "later release wins"
        loaded_at TIMESTAMPTZ NOT NULL,
        generated BOOLEAN NOT NULL DEFAULT false  -- true for synthetic data made by the generator
      );
      CREATE UNIQUE INDEX sources_sha_format ON sources (sha256, format);

      -- Rows a reader could not use, kept with their place in the file and why.
      CREATE TABLE rejects (
        source_id INTEGER NOT NULL,
        line BIGINT,                    -- 1-based line in the file (header is line 1); NULL when not line-based
        reason VARCHAR NOT NULL,
        raw VARCHAR                     -- the row's text, cut to 1,000 characters
      );

      -- Names a reader could not match to a country; the rows are kept with citizenship NULL.
      CREATE TABLE unmatched_names (
        source_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        rows BIGINT NOT NULL
      );

      -- Encounters, one row per source row (from version 7, per distinct row: see 'lines'). Monthly; 'month' is the calendar month YYYY-MM.
      CREATE TABLE encounters (
        source_id INTEGER NOT NULL,
        dataset VARCHAR NOT NULL,       -- cbp-nationwide | cbp-southwest | ohss-usbp
        -- fiscal_year, month and count are NULL only inside a load's transaction, for rows the
        -- reader then moves to rejects: a committed row always has all three.
        fiscal_year INTEGER,
        month VARCHAR,
        component VARCHAR,              -- OFO (ports of entry) | USBP (Border Patrol)
        region VARCHAR,                 -- Land Border Region, or OHSS region
        aor VARCHAR,
        demographic VARCHAR,
        citizenship_raw VARCHAR NOT NULL,
        citizenship VARCHAR,            -- ISO alpha-2, OTHER or UNKNOWN; NULL = unmatched (see unmatched_names)
        title VARCHAR,
        encounter_type VARCHAR,
        count BIGINT,
        rounded_to INTEGER NOT NULL DEFAULT 1,  -- 10 for OHSS: each quantity is rounded to the nearest 10
        line BIGINT                     -- line in the file where the reader keeps it (NULL for bulk CSV loads)
      );

      -- Releases overlap (each CBP file repeats earlier years, sometimes revised): for each dataset
      -- and month only the rows of the latest release covering that month count. Latest = the
      -- source covering the latest month; ties go to the one loaded last.
      CREATE VIEW encounters_effective AS
      WITH covering AS (
        SELECT e.dataset, e.month, e.source_id, s.release_through
        FROM encounters e JOIN sources s ON s.id = e.source_id
        GROUP BY ALL
      ), winner AS (
        SELECT dataset, month, arg_max(source_id, struct_pack(r := coalesce(release_through, ''), i := source_id)) AS source_id
        FROM covering GROUP BY ALL
      )
      SELECT e.* FROM encounters e JOIN winner w USING (dataset, month, source_id);

      -- ICE removals by country of citizenship and fiscal year.
      CREATE TABLE removals (
        source_id INTEGER NOT NULL,
        fiscal_year INTEGER NOT NULL,
        citizenship_raw VARCHAR NOT NULL,
        citizenship VARCHAR,
        count BIGINT NOT NULL,
        line BIGINT
      );

      -- ICE cooperation lists as publicly reported.
      CREATE TABLE designations (
        source_id INTEGER NOT NULL,
        as_of VARCHAR NOT NULL,         -- YYYY-MM or YYYY-MM-DD as reported
        list VARCHAR NOT NULL,          -- uncooperative | at_risk_of_non_compliance
        count INTEGER,
        countries VARCHAR[] NOT NULL,   -- ISO alpha-2 named by the source (may be empty)
        china_listed VARCHAR,
        citation VARCHAR NOT NULL,
        line BIGINT
      );
    `,
  },
  {
    version: 2,
    name: 'fleet registry',
    sql: `
      -- The watched fleet: one row per aircraft (ICAO address), each claim with its source.
      -- US registrations and addresses are computed from each other by the FAA's rule
      -- (src/fleet/nnumber.ts); other countries' are kept as given, verifiable = false.
      CREATE TABLE aircraft (
        icao24 VARCHAR NOT NULL,        -- ICAO 24-bit address, 6 lower-case hex digits (one row each)
        registration VARCHAR,           -- N703KW; NULL when not known
        verifiable BOOLEAN NOT NULL,    -- true: registration and address agree by the FAA rule (US)
        icao24_published VARCHAR,       -- the address a source published, when it gave one
        icao_type VARCHAR,              -- ICAO type designator, e.g. B734
        operator VARCHAR,
        seats INTEGER,
        watch_from DATE,                -- watched from this day (NULL: always)
        watch_to DATE,                  -- watched through this day (NULL: still watched)
        source VARCHAR NOT NULL,        -- where the entry (registration, address) comes from
        type_source VARCHAR,
        operator_source VARCHAR,
        seats_source VARCHAR,
        note VARCHAR,                   -- disagreements between sources, in words
        added_at TIMESTAMPTZ NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'positions',
    sql: `
      -- Aircraft positions from every ADS-B format, in one set of units (aviation units, as receivers report them).
      CREATE TABLE positions (
        source_id INTEGER NOT NULL,
        icao24 VARCHAR NOT NULL,        -- ICAO 24-bit address, 6 lower-case hex digits
        time DOUBLE NOT NULL,           -- epoch seconds, UTC (fractions allowed)
        lat DOUBLE NOT NULL,            -- degrees WGS84, -90..90
        lon DOUBLE NOT NULL,            -- degrees WGS84, -180..180
        alt_baro_ft DOUBLE,             -- barometric (pressure) altitude, feet; NULL unknown
        alt_geom_ft DOUBLE,             -- geometric (GNSS) altitude, feet; NULL unknown
        on_ground BOOLEAN,              -- NULL when the source does not say
        gs_kt DOUBLE,                   -- ground speed, knots
        track_deg DOUBLE,               -- true track, degrees
        vrate_fpm DOUBLE,               -- vertical rate, feet per minute
        callsign VARCHAR,               -- trimmed; NULL when empty
        squawk VARCHAR,
        flags UTINYINT NOT NULL DEFAULT 0  -- bit 1: stale; bit 2: the source marks a new leg (readsb trace flags)
      );
    `,
  },
  {
    version: 4,
    name: 'legs and missions',
    sql: `
      CREATE SEQUENCE leg_id_seq START 1;
      -- Flight legs, take-off to landing: derived from positions (origin 'adsb') or loaded from
      -- leg-level records such as flight histories (origin 'history', with their source_id).
      CREATE TABLE legs (
        id BIGINT PRIMARY KEY,
        origin VARCHAR NOT NULL,        -- adsb | history
        source_id INTEGER,              -- the history file; NULL for legs derived from positions
        generated BOOLEAN NOT NULL DEFAULT false,
        icao24 VARCHAR,
        registration VARCHAR,
        aircraft_type VARCHAR,          -- ICAO type designator, e.g. B734
        operator VARCHAR,
        callsign VARCHAR,
        dep_airport VARCHAR,            -- ICAO code; NULL when unknown
        dep_country VARCHAR,            -- ISO alpha-2
        dep_time TIMESTAMPTZ,
        dep_status VARCHAR NOT NULL,    -- observed | inferred | unknown | reported (a leg-level record says so)
        arr_airport VARCHAR,
        arr_country VARCHAR,
        arr_time TIMESTAMPTZ,
        arr_status VARCHAR NOT NULL,
        leg_date DATE,                  -- the day a leg-level record gives (local date of departure); kept when its times are not
        kind VARCHAR,                   -- removal | return | domestic | lateral | foreign | other; NULL: not classified (an unknown end)
        evidence VARCHAR,               -- why this kind, in words
        mission_id BIGINT,
        line BIGINT                     -- line in the history file
      );
      CREATE TABLE missions (
        id BIGINT PRIMARY KEY,
        icao24 VARCHAR,
        registration VARCHAR,
        start_time TIMESTAMPTZ,
        end_time TIMESTAMPTZ,
        start_airport VARCHAR,          -- the US airport it left from
        end_airport VARCHAR,
        countries VARCHAR[],            -- foreign countries visited, in order
        legs INTEGER NOT NULL,
        complete BOOLEAN NOT NULL       -- true when it is seen back in the US
      );
    `,
  },
  {
    version: 5,
    name: 'pulled windows',
    sql: `
      -- Time windows pulled from remote engines (charterwatch pull), one row per committed window,
      -- so a later pull skips what is already here. Written in the same transaction as the
      -- window's positions and its sources row.
      CREATE TABLE pulled_windows (
        source_id INTEGER NOT NULL,     -- the sources row of this window
        origin VARCHAR NOT NULL,        -- the remote table as a URL without credentials
        window_start DOUBLE NOT NULL,   -- epoch s, inclusive (whole hours)
        window_end DOUBLE NOT NULL,     -- epoch s, exclusive
        aircraft VARCHAR[],             -- addresses asked for; NULL = every aircraft but "excluded"
        excluded VARCHAR[]              -- with aircraft NULL: addresses left out (an earlier pull had them)
      );
    `,
  },
  {
    version: 6,
    name: 'live alerts',
    sql: `
      CREATE SEQUENCE alert_id_seq START 1;
      -- Alerts of charterwatch watch, append-only: one row per take-off or landing alerted. A row
      -- is written before the alert is sent, so an event is never alerted twice across reconnects
      -- or restarts (same aircraft and event within 20 minutes of event time = the same event).
      CREATE TABLE alerts (
        id BIGINT PRIMARY KEY DEFAULT nextval('alert_id_seq'),
        dedupe_key VARCHAR NOT NULL UNIQUE,  -- icao24:event:event time rounded to the minute
        event VARCHAR NOT NULL,              -- takeoff | landing
        icao24 VARCHAR NOT NULL,
        registration VARCHAR,
        airport VARCHAR,                     -- ICAO code; NULL when not known
        event_time DOUBLE NOT NULL,          -- epoch seconds, UTC: the take-off or landing itself
        status VARCHAR NOT NULL,             -- observed | inferred (as for leg ends)
        source_id INTEGER,                   -- the live session's sources row
        alerted_at TIMESTAMPTZ NOT NULL,
        payload VARCHAR NOT NULL             -- the alert as sent (JSON)
      );
    `,
  },
  {
    version: 7,
    name: 'encounters at publication grain',
    sql: `
      -- A bulk CSV load stores one encounters row per distinct set of values (CBP's publication
      -- grain): lines of a release that repeat every dimension are summed into one row, and
      -- 'lines' says how many file lines that row sums. Rows loaded line by line have lines = 1.
      ALTER TABLE encounters ADD COLUMN lines BIGINT DEFAULT 1;
    `,
  },
  {
    version: 8,
    name: 'leg ends filled by classification',
    sql: `
      -- The ends of a leg the data did not show, as classification filled them from the
      -- aircraft's neighbouring legs (an arrival lost in the air: where it next took off). Written
      -- with the kind; counts read legs through them (src/query/legs.ts), so a count and
      -- the classification that gave the kind place a leg at the same airport.
      ALTER TABLE legs ADD COLUMN filled_dep_airport VARCHAR;
      ALTER TABLE legs ADD COLUMN filled_dep_country VARCHAR;
      ALTER TABLE legs ADD COLUMN filled_arr_airport VARCHAR;
      ALTER TABLE legs ADD COLUMN filled_arr_country VARCHAR;
      -- Legs classified before this version have no filled ends stored: mark them for the
      -- classification that every flight answer runs first when a leg is pending.
      UPDATE legs SET evidence = NULL;
    `,
  },
  {
    version: 9,
    name: 'classification by weighed evidence',
    sql: `
      -- A leg's kind is decided by evidence for and against the program, each piece with a
      -- weight (src/tracks/classify.ts, docs/flights.md). kind is the firm kind, 'other' when the
      -- evidence is against, or 'possible' between the two; candidate_kind is the kind the leg's
      -- ends give (removal, return, domestic, lateral, foreign), so a possible removal is
      -- kind = 'possible' AND candidate_kind = 'removal'. score is the sum of the weights,
      -- confidence the probability the score stands for, reasons the evidence as JSON
      -- ([{"code","weight","text"}]) and reason_codes its codes, for counting by reason.
      ALTER TABLE legs ADD COLUMN candidate_kind VARCHAR;
      ALTER TABLE legs ADD COLUMN score DOUBLE;
      ALTER TABLE legs ADD COLUMN confidence DOUBLE;
      ALTER TABLE legs ADD COLUMN reasons VARCHAR;
      ALTER TABLE legs ADD COLUMN reason_codes VARCHAR[];
      -- Legs classified under the old rules are marked for classification again.
      UPDATE legs SET evidence = NULL;
    `,
  },
  {
    version: 10,
    name: 'how an inferred leg end was chosen',
    sql: `
      -- For an end assessed from the first or last airborne sighting (src/tracks/ends.ts): the
      -- fields weighed, each with its cost in points, kind, distance and height, and the outcome
      -- ("arrival unknown: KDFW and KDAL fit within 0.5 points (weighed …)"). NULL for ends seen on
      -- the ground and for leg histories.
      ALTER TABLE legs ADD COLUMN dep_evidence VARCHAR;
      ALTER TABLE legs ADD COLUMN arr_evidence VARCHAR;
    `,
  },
  {
    version: 11,
    name: 'derivations owed and the webhook outbox',
    sql: `
      -- Aircraft whose legs are owed a derivation (legs, missions, kinds): written in the same
      -- transaction as the positions that call for it (an ingest, a live landing), deleted once the
      -- derivation has committed. A writer killed between the two leaves its rows here and the next
      -- writer completes the work (src/tracks/derive.ts).
      CREATE SEQUENCE derive_seq START 1;
      CREATE TABLE derive_queue (
        seq BIGINT NOT NULL DEFAULT nextval('derive_seq'),
        icao24 VARCHAR NOT NULL,
        queued_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      -- Positions stored before this version whose aircraft have no legs yet (a killed ingest).
      INSERT INTO derive_queue (icao24)
        SELECT DISTINCT icao24 FROM positions
        WHERE icao24 NOT IN (SELECT icao24 FROM legs WHERE origin = 'adsb' AND icao24 IS NOT NULL);
      -- Webhook deliveries owed: one row per alert and URL, written with the alert, retried with
      -- backoff (across restarts) until the receiver answers 2xx or the row expires
      -- (src/live/outbox.ts). alert_id is the id the receiver de-duplicates on.
      CREATE TABLE webhook_outbox (
        alert_id VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        payload VARCHAR NOT NULL,
        created_at DOUBLE NOT NULL,        -- epoch seconds, wall clock
        expires_at DOUBLE NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at DOUBLE NOT NULL,
        delivered_at DOUBLE,
        expired_at DOUBLE,
        last_error VARCHAR
      );
    `,
  },
  {
    version: 12,
    name: 'one aircraft, one identity, one leg',
    sql: `
      -- One leg per flight whatever the sources (src/tracks/merge.ts, a derivation step before
      -- classification): legs of different sources describing the same flight of the same aircraft
      -- (ICAO address) stand behind one leg of origin 'merged', made from their best-observed ends.
      -- Each of them keeps its row, with merged_into naming that leg; every count, listing and
      -- classification reads only legs with merged_into NULL. merge_evidence says, on the merged
      -- leg, which legs it joins and where each end comes from, and on a leg in conflict (the same
      -- aircraft in the air at the same time between other airports) what it conflicts with.
      ALTER TABLE legs ADD COLUMN merged_into BIGINT;
      ALTER TABLE legs ADD COLUMN merge_evidence VARCHAR;
      -- The sources of each leg that counts: a merged leg's members, or the leg itself.
      CREATE VIEW leg_sources AS
        SELECT coalesce(merged_into, id) AS leg_id, id AS member_id, origin, source_id, line, icao24,
               dep_time, arr_time, dep_airport, arr_airport, dep_status, arr_status
        FROM legs WHERE origin <> 'merged';
      -- Registration and operator of an aircraft as attributes with a period and a source: a tail
      -- that changes hands keeps its history, and the registry's operator is the one the latest
      -- dated source gives (src/fleet/attributes.ts). claimed: the source only claims it (a list
      -- whose column says so), not a registry.
      CREATE TABLE aircraft_attributes (
        icao24 VARCHAR NOT NULL,
        attribute VARCHAR NOT NULL,     -- registration | operator
        value VARCHAR NOT NULL,
        valid_from DATE,                -- NULL: the source gives no start
        valid_to DATE,                  -- NULL: no end given (still so, as far as the source says)
        source VARCHAR NOT NULL,
        claimed BOOLEAN NOT NULL DEFAULT false,
        added_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      INSERT INTO aircraft_attributes (icao24, attribute, value, source)
        SELECT icao24, 'registration', registration, source FROM aircraft WHERE registration IS NOT NULL;
      INSERT INTO aircraft_attributes (icao24, attribute, value, source)
        SELECT icao24, 'operator', operator, coalesce(operator_source, source) FROM aircraft WHERE operator IS NOT NULL;
      -- Legs stored before this version already carry the address of a US registration (the FAA
      -- rule, since version 4); the next derivation merges and classifies every leg again.
      UPDATE legs SET evidence = NULL;
    `,
  },
  {
    version: 13,
    name: 'counted legs',
    sql: `
      -- The legs as every figure counts them (src/query/legs.ts): each leg that stands for a
      -- flight (merged_into NULL), its ends the data did not show filled as classification filled
      -- them (migration 8: a leg lost in the air counts for where the aircraft next took off), with
      --   leg_time  its time on the timeline: departure, else arrival, else the day the record gives
      --             (a DATE read as midnight UTC: every connection of the store runs in UTC);
      --   reason    the stored code (reason_codes, migration 9) of the evidence that weighed most:
      --             most against for a leg of kind 'other', most for on every other leg; ties go to
      --             the first code in alphabetical order. Read from the codes and weights only,
      --             never from the words of the evidence.
      -- Columns added to legs later appear here too (DuckDB binds SELECT * when the view is read).
      CREATE VIEW counted_legs AS
        SELECT * REPLACE (
            coalesce(arr_airport, filled_arr_airport) AS arr_airport,
            coalesce(arr_country, filled_arr_country) AS arr_country,
            coalesce(dep_airport, filled_dep_airport) AS dep_airport,
            coalesce(dep_country, filled_dep_country) AS dep_country),
          coalesce(dep_time, arr_time, leg_date::TIMESTAMPTZ) AS leg_time,
          list_sort(list_transform(
            list_zip(reason_codes, json_extract(reasons, '$[*].weight')::DOUBLE[]),
            r -> {'w': CASE WHEN kind = 'other' THEN r[2] ELSE -r[2] END, 'code': r[1]}))[1].code AS reason
        FROM legs WHERE merged_into IS NULL;
    `,
  },
];

export const LATEST_VERSION = Math.max(...migrations.map((m) => m.version));
