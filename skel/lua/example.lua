-- lua/example.lua: a rule file of your own, written by `morgue new`.
-- It runs only once site.conf lists it (see its `rules` line). Remove
-- the "-- " before the lines below to try them; docs/rules.md and
-- morgue-rules(7) describe the whole API, and `morgue explain FILE`
-- shows what the rules make of one article.

-- One name for a person however the articles spell it:
-- person "Mara Ostrell" { "Ostrell", "M. Ostrell" }

-- A topic for every article that mentions one of these (a * matches
-- the start of a word):
-- topic "harbour" { "harbour*", "port", "quay*" }

-- A function for what a declaration cannot say; a is read-only:
-- function article(a)
--   if a.text:find("ferry", 1, true) and a.text:find("cancel", 1, true) then
--     a:tag("topics", "ferry cancellations")
--   end
-- end
