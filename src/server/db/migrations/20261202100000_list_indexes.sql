-- Indexes for lists whose plans read a whole table that grows with the register
-- (reviewed in bench/plans/README.md, measured with `npm run bench:plans`).

-- The client list shows each person's latest clientship: one index probe per person, in
-- start order, instead of sorting every clientship for every page.
CREATE INDEX clientship_person_latest_idx ON clientship (person_id, start_date DESC);

-- The list of all applications, soonest deadline first: read in this order, stopping at the page.
CREATE INDEX application_deadline_number_idx ON application (deadline, number);
